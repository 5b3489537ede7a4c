# Ints that compiled code boxes (results of unboxed and speculated int arithmetic, range iteration, len) are the interpreter's cached small ints exactly for -5..256 and fresh objects outside: identity at and around both ends of the cache, negative zero crossings, and results used as dict keys and list indices.
import sys

CACHED = {v: int(str(v)) for v in range(-8, 262)}


def is_cached(v):
    return v is CACHED.get(int(v), None)


def arith(lo, hi):
    out = []
    i = lo
    while i < hi:
        a = i + 0
        b = i * 1
        c = (i - 3) + 3
        d = i // 1
        out.append((i, is_cached(a), is_cached(b), is_cached(c), is_cached(d)))
        i = i + 1
    return out


def spec(xs):
    # the same through the speculative stubs: operands from a list
    out = []
    for x in xs:
        out.append((x, is_cached(x + 1), is_cached(x - 1), is_cached(x * 2), is_cached(-x)))
    return out


def ranges():
    out = []
    for r in (range(-8, -3), range(252, 260), range(260, 250, -3), range(-6, 7, 6)):
        out.append([(v, is_cached(v)) for v in r])
        seen = []
        for v in r:
            seen.append(is_cached(v))
        out.append(seen)
    return out


def lengths():
    out = []
    for n in (0, 5, 256, 257, 300):
        s = "x" * n
        k = len(s)
        out.append((k, is_cached(k), is_cached(len(s) + 0)))
    return out


def keys():
    d = {}
    for i in range(250, 262):
        d[i - 250] = i + 0
    lst = list(range(20))
    return sorted(d.items()), [lst[i - 5] for i in range(5, 15, 4)]


def main():
    for row in arith(-8, -2) + arith(253, 260):
        print(row)
    for row in spec([-7, -6, -5, -4, 127, 128, 129, 255, 256, 257, 2 ** 40]):
        print(row)
    for row in ranges():
        print(row)
    print(lengths())
    print(keys())
    print(sys.getrefcount(256) > 1)


main()
