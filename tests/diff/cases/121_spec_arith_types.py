# Speculative arithmetic and comparisons meeting other types at the same sites: ints around the compact boundary, bigints, bools, floats, NaN and -0.0, int/float subclasses with overridden operators, Fraction, Decimal, complex, str.
from fractions import Fraction
from decimal import Decimal


class MyInt(int):
    def __add__(self, other):
        return "MyInt.add(%d, %r)" % (int(self), other)

    def __lt__(self, other):
        return "MyInt.lt"


class MyFloat(float):
    def __mul__(self, other):
        return "MyFloat.mul"

    def __rsub__(self, other):
        return "MyFloat.rsub"


def giant_shift(a, b):
    # A nonzero int shifted by 2**30 - 1 .. 2**31 bits only exercises the
    # allocator (128-256 MB results, whose repr fails anyway) and took half
    # a minute in all; counts past the fast path are at the edges below,
    # and bigger counts (MemoryError) and negative ones still run here.
    return (isinstance(a, int) and a != 0 and
            isinstance(b, int) and 2**20 <= b < 2**32)


def ops(a, b):
    out = []
    for name, f in (("+", lambda: a + b), ("-", lambda: a - b), ("*", lambda: a * b),
                    ("/", lambda: a / b), ("//", lambda: a // b), ("%", lambda: a % b),
                    ("<<", lambda: a << b), (">>", lambda: a >> b), ("&", lambda: a & b),
                    ("|", lambda: a | b), ("^", lambda: a ^ b)):
        if name == "<<" and giant_shift(a, b):
            out.append("<<=giant")
            continue
        try:
            out.append("%s=%r" % (name, f()))
        except Exception as e:
            out.append("%s!%s" % (name, type(e).__name__))
    if isinstance(b, int) and -3 <= b <= 3 and not isinstance(a, str):
        try:
            out.append("**=%r" % (a ** b,))
        except Exception as e:
            out.append("**!%s" % type(e).__name__)
    return " ".join(out)


def inplace(a, b):
    x = a
    x += b
    y = a
    y -= b
    z = a
    z *= b
    return x, y, z


def cmp(a, b):
    r = []
    for f in (lambda: a < b, lambda: a <= b, lambda: a == b, lambda: a != b,
              lambda: a > b, lambda: a >= b):
        try:
            r.append(f())
        except Exception as e:
            r.append(type(e).__name__)
    return r


values = [0, 1, -1, 7, -7, 3, 2**30 - 1, -(2**30 - 1), 2**30, -(2**30), 2**31, 2**62, 2**64 + 5,
          -(2**70), True, False, 0.0, -0.0, 1.5, -2.25, 1e308, float("inf"), float("nan"),
          MyInt(5), MyFloat(2.5), Fraction(1, 3), Decimal("1.1"), 2 + 3j]

for a in values:
    for b in values:
        print(repr(a), repr(b), ops(a, b))
        try:
            print("  inplace", inplace(a, b))
        except Exception as e:
            print("  inplace!", type(e).__name__)
        print("  cmp", cmp(a, b))

# Strings through the same operators.
for a, b in (("ab", "cd"), ("ab", 3), (3, "ab"), ("ab", -1), ("a", 1.5), ("x", "x")):
    print(repr(a), repr(b), ops(a, b), cmp(a, b))

# Shifts at the edges of the fast path.
for a in (1, -1, 3, -3, 2**29, -(2**29)):
    for s in (0, 1, 31, 32, 33, 62, 63, 64, 100, -1):
        try:
            print(a, s, a << s, a >> s)
        except ValueError as e:
            print(a, s, "ValueError", e)

# A loop whose accumulator leaves the compact range and turns into a float.
acc = 0
for i in range(100):
    acc = acc * 3 + i
    if i == 60:
        acc = acc / 7
print(acc)

# Results must be fresh objects where CPython makes them: no aliasing of
# reused float temporaries.
xs = []
t = 0.5
for i in range(5):
    t = t * 2.0 + 1.0
    xs.append(t)
print(xs, [x is y for x, y in zip(xs, xs[1:])])
a = 1.25
b = a + 0.0
print(a, b, a is b)
