# len(x) in the unboxed tier is an int in a register (`while i < len(a)`).
# Containers whose length runs no code are read inline; everything else is
# called and must behave exactly as the builtin: overridden __len__,
# subclasses, errors, a rebound `len`, containers that change inside the
# loop, and a __len__ that switches a profiler on or raises a signal.
import _thread
import builtins
import sys
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


class Profiling:
    def __init__(self, events):
        self.events = events

    def __len__(self):
        sys.setprofile(lambda frame, event, arg: self.events.append(
            (event, frame.f_code.co_name)))
        return 4


class Interrupting:
    def __len__(self):
        _thread.interrupt_main()
        return 2


def after_code(x, obj):
    steps = []
    try:
        n = x * 1.5 + len(obj) * 2  # a double in a register below the call
        steps.append(n)
        steps.append(len(obj) - 1)
    except (ValueError, TypeError, KeyboardInterrupt) as exc:
        steps.append(type(exc).__name__)
    steps.append(len(steps))
    return steps


def profiled():
    events = []
    out = after_code(2.0, Profiling(events))
    sys.setprofile(None)
    return out, events


for _ in range(3):
    print(after_code(1.0, Sized(3)), after_code(1.0, BadLen()), after_code(2, 7))
    print(after_code(0.5, Interrupting()), profiled())


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
