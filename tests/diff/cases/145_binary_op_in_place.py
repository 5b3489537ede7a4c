# BINARY_OP whose unprofiled guess about a global, attribute or call result fails computes generically in place: int and float subclasses whose results are exact ints or floats rejoin the straight path (with doubles in registers below), results of another kind (bigints from overflow, strs, Decimals, complex) leave after the instruction with the stack intact, exceptions raised there are caught in the same function with the right traceback lines, the operation sees the caller's current line, a tracer installed by __add__ sees the rest of the frame, reference counts of the results stay right; an operand whose __sub__ empties the list a borrowed item below came from, and guesses about locals, deoptimize as before.
import sys
from decimal import Decimal


def ident(x):
    return x


class Named(int):
    """Like re's _NamedIntConstant: an int subclass used as a constant."""

    def __repr__(self):
        return "Named(%d)" % int(self)


MAXREPEAT = Named(4294967295)
seen_lines = []


class F(float):
    pass


class Odd:
    """Arithmetic that returns other kinds, or raises."""

    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return "Odd(%r)" % (self.v,)

    def __sub__(self, o):
        # The caller's line, as the frame tells code that looks at it.
        caller = sys._getframe(1)
        seen_lines.append((caller.f_code.co_name, caller.f_lineno - caller.f_code.co_firstlineno))
        if self.v == "raise":
            raise ValueError("no subtraction for %r" % (o,))
        return self.v

    def __rsub__(self, o):
        caller = sys._getframe(1)
        seen_lines.append((caller.f_code.co_name, caller.f_lineno - caller.f_code.co_firstlineno))
        return "r" + str(o)

    def __add__(self, o):
        return self.v

    __radd__ = __add__


def width(pairs):
    # `MAXREPEAT - 1` as in re's SubPattern.getwidth.
    lo = hi = 0
    for a, b in pairs:
        i = MAXREPEAT - 1
        j = 2
        lo = lo + i * a
        hi = hi + j * b
    return lo, hi


def mixed(x, y):
    # 2.5 * x stays a double in a register while y - 1 computes.
    return 2.5 * x + (ident(y) - 1) * 0.5


ODD = None


def global_operand(x):
    # The operation's line is the one it starts on, not ODD's.
    y = ident(x) * 0.5
    return (y, 1 -
            ODD)


def chain(a, b, c):
    return ident(a) * 3 + ident(b) * ident(c) - 7 + ident(c) * 2


def floor_mod(a, b):
    s = 1.25 * a
    try:
        return s + ident(a) // 2 + ident(a) % 3 + 1.0 / ident(b)
    except ZeroDivisionError as e:
        return ("caught", s, str(e))


def raises(o):
    t = 0.5 * 3
    return t + (ident(o) - 1)


def scaled(f, k):
    t = 0
    for n in range(k):
        t = t + ident(f) * 2.0 + n
    return t


BIG = 2 ** 40 + 12345


class Cached(int):
    def __add__(self, o):
        return BIG


def cached(x):
    return (ident(x) + 1) * 2 + 0.5


events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name == "traced_after":
        events.append((event, frame.f_lineno - traced_after.__code__.co_firstlineno,
                       frame.f_lasti))
    return tracer


class Tracing(int):
    def __add__(self, o):
        sys.settrace(tracer)
        caller = sys._getframe(1)
        caller.f_trace = tracer
        caller.f_trace_opcodes = True
        return int(self) + o


def traced_after(x, t):
    y = 1.5 * x
    # No store follows the add: the exit after it must notice the tracer.
    return (y + (ident(t) + 1)
            * 2)


class Emptying:
    def __init__(self, xs):
        self.xs = xs

    def __sub__(self, o):
        del self.xs[:]
        self.made = float("-99.5")  # takes a float freed just now, if any
        return 10


EMPTYING = None


def borrowed(xs):
    # xs[0] is borrowed from the list while EMPTYING - 1 runs.
    return xs[0] + (EMPTYING - 1)


def unprofiled(s, k):
    # A local guessed int beside an int deoptimizes when wrong.
    return s * 4 + k


def repeat(n):
    return " " * (2 * n) + "|", (0,) * n, [None] * n


for _ in range(50):
    r = width([(1, 2), (Named(3), 4), (2, Named(5))])
print("width", r, type(r[0]).__name__, type(r[1]).__name__)
for y in (4, Named(4), F(4.0), True, 10 ** 25, Decimal("4.5"), 4 + 2j, Odd(3), Odd(2.5)):
    try:
        print("mixed", repr(y), repr(mixed(3.0, y)))
    except TypeError as e:
        print("mixed", repr(y), "TypeError", e)
for odd in (Named(3), Odd(1.5), Odd("raise")):
    ODD = odd
    try:
        print("global_operand", repr(odd), global_operand(4))
    except ValueError as e:
        print("global_operand", repr(odd), "ValueError", e)
for args in ((3, 4, 5), (2 ** 40, 2 ** 30, 1), (-(2 ** 62), 2, 0), (2 ** 62, 1, 2 ** 62),
             (Named(7), Named(8), Named(9)), (1.5, 2, 3), ("ab", 3, 4), (Odd("x"), 1, 2)):
    try:
        print("chain", repr(args), repr(chain(*args)))
    except TypeError as e:
        print("chain", repr(args), "TypeError", e)
for a, b in ((7, 2), (7, 0), (-7, 2), (7.5, 0), (Named(9), Named(4)), (2 ** 70, 3), (7, F(2.0))):
    print("floor_mod", a, b, repr(floor_mod(a, b)))
for o in (5, Named(5), F(5.0), Odd("s"), Odd("raise"), "str"):
    try:
        print("raises", repr(o), repr(raises(o)))
    except Exception as e:
        tb = e.__traceback__
        lines = []
        while tb is not None:
            lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
            tb = tb.tb_next
        print("raises", repr(o), type(e).__name__, e, lines)
for f in (1.5, F(1.5), 3, Named(3), 2 ** 60):
    print("scaled", repr(f), repr(scaled(f, 5)))
before = sys.getrefcount(BIG)
for _ in range(200):
    r = cached(Cached(4))
print("cached", r, sys.getrefcount(BIG) - before)
print("traced_after", traced_after(3, Tracing(3)))
sys.settrace(None)
print("events", events)
xs = [float("1.25") * 3, 2.0]  # the list holds the only reference
EMPTYING = Emptying(xs)
print("borrowed", borrowed(xs), xs)
for _ in range(40):
    r = unprofiled(1.5, 4), unprofiled(3, 4), unprofiled("a", "b")
print("unprofiled", r)
print("repeat", repeat(3))
print("seen_lines", seen_lines)
