# Values computed in registers (floats, ints) and borrowed references stay
# out of the frame across the generic instructions above them (attribute
# loads, calls, subscripts, tuple builds). Everything that can leave such
# an instruction must still see them: exceptions caught in the same
# function, a profiler switched on mid-expression, a call that empties the
# list an operand came from, a collection, and reference counts.
import gc
import sys


class Box:
    def __init__(self, v):
        self.v = v
        self.events = []

    @property
    def boom(self):
        raise ValueError("boom %r" % (self.v,))

    @property
    def profiled(self):
        sys.setprofile(lambda frame, event, arg: self.events.append(
            (event, frame.f_code.co_name)))
        return self.v


def fail(x):
    raise KeyError(x)


def empty(row):
    row.clear()
    return 0.25


def collect():
    gc.collect()
    return 1.5


def catch(x, y, b):
    out = []
    for i in range(4):
        try:
            out.append(x * 2.0 + y * b.v + (b.boom if i % 2 else fail(i)))
        except (ValueError, KeyError) as exc:
            out.append(repr(exc))
        out.append(i * 3 + x * 0.5 - b.v)
    return out


def borrowed(row, k):
    return row[0] * k + empty(row) + row.__len__()


def collected(x, n):
    return x * 3.0 - n * 2 + collect() + x / 2.0


def profiled(x, b):
    r = x * 2.0 + b.profiled * 3.0 + x
    sys.setprofile(None)
    return r, b.events


def kept(a, b, c):
    try:
        return (a, b, fail(c))
    except KeyError:
        return (a, b, len(c))


def counts():
    a, b = object(), [1]
    before = sys.getrefcount(a), sys.getrefcount(b)
    for _ in range(50):
        kept(a, b, "xyz")
    return before == (sys.getrefcount(a), sys.getrefcount(b))


for _ in range(3):
    print(catch(1.5, 2.0, Box(0.5)), catch(3, 4, Box(2)))
    print(borrowed([1.75, 2.0], 3.0), borrowed([7, 8], 2))
    print(collected(2.5, 4), collected(1, 10**20))
    print(profiled(1.25, Box(4.0)))
    print(kept(1.0, 2.0, "abc"), counts())
