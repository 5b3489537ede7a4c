# Unicode strings: code points, encode/decode, normalization, ascii(), width.
import unicodedata


def describe(s):
    return [(c, hex(ord(c)), unicodedata.name(c, "?"), unicodedata.category(c)) for c in s]


def utf8_len(s):
    n = 0
    for ch in s:
        cp = ord(ch)
        if cp < 0x80:
            n += 1
        elif cp < 0x800:
            n += 2
        elif cp < 0x10000:
            n += 3
        else:
            n += 4
    return n


def main():
    words = ["héllo", "naïve", "日本語", "Ελληνικά", "emoji 😀🎉", "Zürich", "ﬁ", "e\u0301"]
    for w in words:
        b = w.encode("utf-8")
        print(w, len(w), len(b), utf8_len(w) == len(b), ascii(w), repr(w), b)
        print("  ", b.decode("utf-8") == w, w.upper(), w[::-1], w.encode("utf-16-le")[:8])
    for d in describe("aé€😀\n"):
        print(d)
    print(unicodedata.normalize("NFC", "e\u0301") == "é", unicodedata.normalize("NFD", "é").encode())
    print(unicodedata.normalize("NFKC", "ﬁ①"), len("😀"), ord("😀"), chr(0x1F600), "\N{GREEK SMALL LETTER ALPHA}")
    print("abc".encode("ascii"), "é".encode("latin-1"), b"\xe9".decode("latin-1"))
    try:
        "é".encode("ascii")
    except UnicodeEncodeError as e:
        print("UnicodeEncodeError:", e)
    try:
        b"\xff\xfe\xfa".decode("utf-8")
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
    print(b"\xff".decode("utf-8", "replace"), "é".encode("ascii", "ignore"), "é".encode("ascii", "xmlcharrefreplace"))
    print("é".encode("ascii", "backslashreplace"), "\u00e9" == "é", "\x41\u0042\U00000043")
    total = 0
    for i in range(0x20, 0x3000, 7):
        c = chr(i)
        if c.isprintable():
            total += utf8_len(c * 3)
    print("total", total)
    print(sorted(["b", "á", "a", "Z", "é", "ä"]), "straße".upper(), "ﬀ".upper())
    print("١٢٣".isdigit(), int("١٢٣"), "²".isdigit(), "²".isdecimal(), "½".isnumeric())
    print(f"{'日本':>6}|", f"{'é':*^5}", "%-4s|" % "ü")


main()
