# Tuples: packing, immutability, comparison, hashing of tuples as dict keys, namedtuple.
from collections import namedtuple

Point = namedtuple("Point", ["x", "y"])
Rec = namedtuple("Rec", "name score extra", defaults=[None])


def minmax(seq):
    lo = hi = seq[0]
    for v in seq[1:]:
        if v < lo:
            lo = v
        if v > hi:
            hi = v
    return lo, hi


def dist2(p, q):
    return (p.x - q.x) ** 2 + (p.y - q.y) ** 2


def main():
    t = (1, 2, 3)
    print(t, t[0], t[-1], t[1:], t * 2, t + (4,), len(t), (1,), (), tuple("ab"))
    print(t.count(2), t.index(3), 2 in t, (1, 2) < (1, 3), (1, 2, 3) > (1, 2), () == tuple())
    try:
        t[0] = 5
    except TypeError as e:
        print("TypeError:", e)
    print(minmax([5, 3, 9, -1, 7]), minmax("hello"))
    pts = [Point(i % 7, (i * 3) % 11) for i in range(50)]
    best = min(((dist2(p, q), i, j) for i, p in enumerate(pts) for j, q in enumerate(pts) if i < j and p != q))
    print(best, pts[best[1]], pts[best[2]])
    p = Point(3, 4)
    print(p, p.x, p[1], p._asdict(), p._replace(x=10), Point._fields, Point._make([7, 8]))
    r = Rec("ann", 9)
    print(r, r.extra, Rec("bob", 3, "x"))
    d = {}
    for i in range(100):
        key = (i % 3, i % 5)
        d[key] = d.get(key, 0) + i
    print(sorted(d.items()))
    a, b = 1, 2
    a, b = b, a
    print(a, b)
    nested = ((1, 2), (3, (4, 5)))
    (w, x), (y, (z, v)) = nested
    print(w, x, y, z, v)
    mt = ([1], [2])
    mt[0].append(9)
    print(mt)
    try:
        mt[0] += [10]
    except TypeError as e:
        print("TypeError:", e, mt)
    print(hash((1, 2)) == hash((1, 2)), sorted([(2, "b"), (1, "z"), (2, "a")]))
    print(tuple(sorted({3: 1, 1: 2}.items())), max((1, "a"), (1, "b")))


main()
