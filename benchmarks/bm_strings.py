"""String building and formatting: an invoice report generator.

Builds customer records, formats them with f-strings, %-formatting and
str.format (alignment, padding, precision, thousands separators), assembles
lines with join, slices, replaces, changes case, pads and wraps text, keeps
a running ledger grown with `+=`, and finally checksums the whole document
with CRC-32.

usage: bm_strings.py [SIZE]   (SIZE = invoices)
"""

import zlib

DEFAULT_SIZE = 8000

FIRST = ("ada", "brook", "cyril", "dana", "emil", "fern", "gus", "hana", "ivo", "jade")
LAST = ("north", "okafor", "peralta", "quist", "rowe", "sato", "tanaka", "ulm", "vance")
ITEMS = ("widget", "gadget", "sprocket", "flange", "gizmo", "doohickey", "bracket")


def wrap(text, width):
    words = text.split(" ")
    lines = []
    line = ""
    for w in words:
        if not line:
            line = w
        elif len(line) + 1 + len(w) <= width:
            line = line + " " + w
        else:
            lines.append(line)
            line = w
    if line:
        lines.append(line)
    return lines


def invoice(i, seed):
    name = "%s %s" % (FIRST[seed % 10].title(), LAST[(seed >> 4) % 9].upper())
    lines = []
    lines.append("=" * 48)
    lines.append(f"INVOICE #{i:06d}".center(48))
    lines.append("{:<20}{:>28}".format("Customer:", name))
    total = 0
    for k in range(1 + seed % 5):
        item = ITEMS[(seed >> (k + 2)) % 7]
        qty = 1 + (seed >> (k * 3)) % 12
        cents = 199 + (seed >> (k * 2 + 5)) % 9000
        total += qty * cents
        price = cents / 100
        lines.append("  %-12s x%3d @ %8.2f = %10s" % (item, qty, price, f"{qty * price:,.2f}"))
    tax = total * 19 // 100
    lines.append(f"{'subtotal':>30}: {total / 100:>14,.2f}")
    lines.append(f"{'tax 19%':>30}: {tax / 100:>14,.2f}")
    lines.append("{0:>30}: {1:>14}".format("TOTAL", "{:,.2f}".format((total + tax) / 100)))
    note = ("thank you %s for your order of %d items we hope to see you again "
            "soon and remember that returns are accepted within thirty days" % (name.lower(), seed % 5 + 1))
    for ln in wrap(note, 40):
        lines.append("  | " + ln.ljust(40) + " |")
    return "\n".join(lines), total + tax


def run(size):
    seed = 2718281
    parts = []
    grand = 0
    ledger = ""
    for i in range(size):
        seed = (seed * 69069 + 1) % 4294967296
        text, amount = invoice(i, seed >> 3)
        grand += amount
        # The running ledger grows by `+=`, which 3.11 extends in place.
        ledger += "%d:%d;" % (i, amount % 997)
        if i % 7 == 0:
            text = text.replace("widget", "WIDGET").replace("  |", " >|")
        parts.append(text)
    doc = "\n\n".join(parts)
    words = doc.split()
    summary = "%d lines, %d words, %d chars, %d 'you', total %s" % (
        doc.count("\n") + 1, len(words), len(doc), doc.count("you"), format(grand / 100, ",.2f"))
    crc = zlib.crc32(doc.encode("utf-8"))
    crc = zlib.crc32(ledger.encode("ascii"), crc)
    return "%08x %s" % (crc, summary.replace(" ", "_"))


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
