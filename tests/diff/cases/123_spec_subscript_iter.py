# Speculative subscripts and FOR_ITER: negative and out-of-range indexes, bool and bigint indexes, dict keys with custom __eq__/__hash__, dict subclasses, mutation during iteration, range iterators at the edges of C long, exhausted iterators reused, list/tuple/range/other iterators through one loop.
import sys


def get(c, i):
    return c[i]


def put(c, i, v):
    c[i] = v


lst = [10, 20, 30]
tup = (1, 2, 3)
for c in (lst, tup, "abc", b"xyz", range(5)):
    for i in (0, 1, -1, -3, 2, 3, -4, True, False, 2**40, -(2**40)):
        try:
            print(type(c).__name__, i, get(c, i))
        except (IndexError, TypeError) as e:
            print(type(c).__name__, i, type(e).__name__, e)
for i in (0, -1, 3, -4, True, 2**70):
    try:
        put(lst, i, "v%r" % (i,))
        print(lst)
    except IndexError as e:
        print("IndexError", e)


class Key:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return hash(self.v)

    def __eq__(self, other):
        print("eq called")
        return isinstance(other, Key) and self.v == other.v


class Boom:
    def __hash__(self):
        return 12345

    def __eq__(self, other):
        raise ValueError("boom eq")


d = {"a": 1, Key(1): "k1", 1: "int one"}
for k in ("a", Key(1), 1, 1.0, True, "missing"):
    try:
        print(get(d, k))
    except KeyError as e:
        print("KeyError", e)
d[Boom()] = 1
try:
    get(d, Boom())
except ValueError as e:
    print("ValueError", e)
try:
    put(d, [], 1)
except TypeError as e:
    print("TypeError", e)
put(d, "new", 5)
print(sorted(k for k in d if isinstance(k, str)))


class DD(dict):
    def __missing__(self, key):
        return "missing " + repr(key)

    def __getitem__(self, key):
        return "DD:" + str(dict.get(self, key, None))


class D2(dict):
    def __missing__(self, key):
        return "missing " + repr(key)


print(get(DD(a=1), "a"), get(D2(), "x"))


def total(it):
    s = 0
    for x in it:
        s += x
    return s


big = sys.maxsize
print(total(range(10)), total(range(10, 0, -3)), total([1.5, 2.5]), total((1, 2)),
      total(iter([4, 5])), total(x for x in range(4)), total({1: 0, 2: 0}), total({3, 4}))
print(total(range(big - 3, big)), total(range(-big - 1, -big + 2)), total(range(big, big + 3)))
print(list(range(big - 2, big + 2)))
it = iter([1, 2, 3])
print(total(it), total(it), list(it))
rit = iter(range(3))
print(total(rit), total(rit))
# Mutation during iteration.
m = [1, 2, 3]
out = []
for x in m:
    out.append(x)
    if len(m) < 6:
        m.append(x * 10)
print(out)
m = [1, 2, 3, 4]
for x in m:
    m.remove(x)
print(m)
# A list iterator whose list is replaced/cleared while iterating.
m = [1, 2, 3]
for x in m:
    print("x", x)
    m.clear()
# Unpacking through the same site with different shapes.
def unpack(v):
    a, b = v
    return a, b
for v in ((1, 2), [3, 4], "ab", iter((5, 6)), {7: 0, 8: 0}):
    print(unpack(v))
for v in ((1,), [1, 2, 3]):
    try:
        unpack(v)
    except ValueError as e:
        print("ValueError", e)
