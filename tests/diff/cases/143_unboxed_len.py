# len(x) in the unboxed tier is an int in a register (`while i < len(a)`).
# Only containers whose length runs no code take that path; everything
# else must behave exactly as the builtin: overridden __len__, subclasses,
# errors, a rebound `len`, and containers that change inside the loop.
import builtins
from collections import Counter, OrderedDict, deque


def drain(xs):
    out = []
    i = 0
    while i < len(xs):
        out.append(xs[i])
        if len(out) % 3 == 0 and len(xs) < 12:
            xs.append(len(out) * 10)  # the loop sees the list grow
        i += 1
    return out, len(xs) - i, len(xs) // 2, -len(xs)


def sizes(x):
    return len(x), len(x) * 2 + 1, len(x) > 2, len(x) == 3


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        print("Sized.__len__", self.n)
        return self.n


class LongList(list):
    def __len__(self):
        return 1000 + list.__len__(self)


class PlainList(list):
    pass


class BadLen:
    def __len__(self):
        return -1


def each(values):
    for v in values:
        try:
            print(type(v).__name__, sizes(v))
        except Exception as exc:
            print(type(v).__name__, "raises", type(exc).__name__, exc)


print(drain([1, 2, 3]))
print(drain(list(range(20))))
values = [
    [1, 2, 3], (1, 2), {"a": 1}, "héllo", "abc", b"xy", bytearray(b"xyzw"), {1, 2, 3},
    frozenset(), OrderedDict(a=1, b=2, c=3), Counter("hello"), deque([1, 2]),
    range(7), PlainList([1, 2, 3]), LongList([1]), Sized(3), Sized(2**40), 5, None,
    BadLen(), Sized(-5), range(2**100), {}.keys(), memoryview(b"abcd"),
]
for _ in range(3):
    each(values)


def rebound():
    return sizes([1, 2, 3])


print(rebound())
len = lambda x: 77  # module global shadows the builtin from now on
print(rebound(), sizes("ab"))
del len
print(rebound())
real = builtins.len
builtins.len = lambda x: -3
try:
    print(rebound())
finally:
    builtins.len = real
print(rebound())
