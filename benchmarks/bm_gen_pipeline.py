"""A pipeline of generators processing a stream of synthetic log records.

source -> parse -> filter -> enrich -> sliding window -> batch -> aggregate,
each stage a generator function or generator expression pulling from the
previous one, plus a generator-based merge of two sorted streams.

usage: bm_gen_pipeline.py [SIZE]   (SIZE = records in the stream)
"""

DEFAULT_SIZE = 70000

SERVICES = ("auth", "cart", "search", "media", "billing", "feed")
METHODS = ("GET", "POST", "PUT", "DELETE")


def source(n, seed):
    for i in range(n):
        seed = (seed * 1664525 + 1013904223) % 4294967296
        svc = SERVICES[seed % 6]
        method = METHODS[(seed >> 8) % 4]
        status = 200 if (seed >> 12) % 10 < 8 else (404 if (seed >> 16) % 2 else 500)
        latency = (seed >> 20) % 900 + 5
        yield "%d %s %s %d %d" % (i, svc, method, status, latency)


def parse(lines):
    for line in lines:
        ident, svc, method, status, latency = line.split()
        yield int(ident), svc, method, int(status), int(latency)


def only_errors_or_slow(records, slow):
    for rec in records:
        if rec[3] != 200 or rec[4] > slow:
            yield rec


def enrich(records):
    weights = {"GET": 1, "POST": 3, "PUT": 2, "DELETE": 4}
    for ident, svc, method, status, latency in records:
        yield ident, svc, status, latency * weights[method]


def window(items, width):
    buf = []
    for item in items:
        buf.append(item)
        if len(buf) > width:
            del buf[0]
        if len(buf) == width:
            yield tuple(buf)


def batches(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def merge(a, b):
    """Merge two ascending generators into one ascending generator."""
    sentinel = object()
    x = next(a, sentinel)
    y = next(b, sentinel)
    while x is not sentinel and y is not sentinel:
        if x <= y:
            yield x
            x = next(a, sentinel)
        else:
            yield y
            y = next(b, sentinel)
    while x is not sentinel:
        yield x
        x = next(a, sentinel)
    while y is not sentinel:
        yield y
        y = next(b, sentinel)


def run(size):
    per_service = {}
    peak = 0
    recs = enrich(only_errors_or_slow(parse(source(size, 42)), 600))
    for win in window(recs, 5):
        cost = sum(r[3] for r in win)
        if cost > peak:
            peak = cost
        svc = win[-1][1]
        per_service[svc] = per_service.get(svc, 0) + cost % 97
    batch_sums = 0
    for batch in batches((r[4] for r in parse(source(size // 2, 7))), 64):
        batch_sums = (batch_sums * 33 + max(batch) - min(batch)) % 1000000007
    evens = (x * 2 for x in range(size // 2))
    odds = (x * 3 + 1 for x in range(size // 3))
    merged = 0
    last = -1
    for v in merge(evens, odds):
        if v < last:
            raise AssertionError("merge out of order")
        last = v
        merged = (merged * 7 + v) % 1000000007
    parts = " ".join("%s=%d" % (k, per_service[k]) for k in sorted(per_service))
    return "%d %d %d %s" % (peak, batch_sums, merged, parts)


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
