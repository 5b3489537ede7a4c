# Conditional jumps in the unboxed tier: truth tests of numbers in registers (0, -0.0, NaN), of borrowed locals whose truth runs no code (bools, None, exact ints, floats, strs, lists, tuples, dicts) and of anything else (subclasses overriding __bool__ or __len__, __bool__ raising or returning a non-bool, __len__ negative), `is None` / `is not None` jumps, jumps on the bools COMPARE_OP, IS_OP and CONTAINS_OP leave in the frame (and on rich comparisons returning non-bools), while loops, the reference counts of True and False, and a tracer switched on by __bool__.
import sys

NAN = float("nan")


class Truthy(int):
    def __bool__(self):
        print("Truthy.__bool__", int(self))
        return int(self) % 2 == 0


class Sized(list):
    def __len__(self):
        print("Sized.__len__")
        return 0


class BadBool:
    def __bool__(self):
        raise ValueError("no truth")


class NotBool:
    def __bool__(self):
        return 1


class BadLen:
    def __len__(self):
        return -1


class Fuzzy:
    """Rich comparisons that return non-bools."""

    def __init__(self, v):
        self.v = v

    def __lt__(self, o):
        return [self.v] if self.v < o else []

    def __eq__(self, o):
        return Truthy(self.v)

    __hash__ = object.__hash__


def truths(values):
    out = []
    for v in values:
        if v:
            out.append(1)
        else:
            out.append(0)
        if not v:
            out.append("n")
    return out


def nones(values):
    out = []
    for v in values:
        if v is None:
            out.append("none")
        if v is not None:
            out.append("some")
    return out


def registers(n):
    # each test reads an expression computed in registers, not a local
    out = []
    i = 0
    while i < n:
        if i % 3:
            out.append(i % 3)
        if i - 3:
            out.append(i - 3)
        if (i - 2) * 0.5:
            out.append((i - 2) * 0.5)
        if not i * 0.0:
            out.append("z")
        if (i + 1e308) * 10.0 - (i + 1e308) * 10.0:
            out.append("nan")
        if not ((i + 1e308) * 10.0 - (i + 1e308) * 10.0):
            out.append("not nan")
        if (i - 3) * -0.0:
            out.append("-0.0")
        i = i + 1
    return out


def frame_bools(xs, s):
    hits = 0
    for x in xs:
        if x in s:
            hits = hits + 1
        if x not in s:
            hits = hits - 1
        if x is s:
            hits = hits + 100
        if x == 3:
            hits = hits + 10
    return hits


def fuzzy(items):
    out = []
    for f in items:
        if f < 5:
            out.append(("lt", f.v))
        if f == 0:
            out.append(("eq", f.v))
    return out


def countdown(n):
    seen = []
    while n:
        seen.append(n)
        n = n - 1
    flag = True
    k = 0
    while flag:
        k = k + 1
        flag = k < 4
    return seen, k


def errors():
    for v in (BadBool(), NotBool(), BadLen()):
        try:
            if v:
                print("true", type(v).__name__)
            else:
                print("false", type(v).__name__)
        except Exception as exc:
            print(type(exc).__name__, exc)


events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name == "traced":
        events.append((event, frame.f_lineno - frame.f_code.co_firstlineno))
    return tracer


class StartsTracing:
    def __bool__(self):
        sys._getframe(1).f_trace = tracer
        sys.settrace(tracer)
        return False


def traced(values):
    t = 0
    for v in values:
        if v:
            t = t + 1
        t = t + 10
    sys.settrace(None)
    return t


def main():
    values = [True, False, None, 0, 1, -1, 2 ** 100, -(2 ** 100), 0.0, -0.0, NAN, 1.5,
              "", "a", [], [0], (), (0,), {}, {0: 0}, set(), {0}, b"", b"x",
              Truthy(3), Truthy(4), Sized([1, 2]), object()]
    print(truths(values))
    print(nones(values))
    print(registers(7))
    before = sys.getrefcount(True), sys.getrefcount(False)
    print(frame_bools(list(range(2000)), {1, 3, 5, 2 ** 70}))
    after = sys.getrefcount(True), sys.getrefcount(False)
    print("bool refcounts moved by", after[0] - before[0], after[1] - before[1])
    print(fuzzy([Fuzzy(v) for v in (0, 3, 7)]))
    print(countdown(5))
    errors()
    print(traced([0, StartsTracing(), 1, 2]))
    print(events)


main()
