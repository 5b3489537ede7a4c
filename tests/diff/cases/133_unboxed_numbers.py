# Unboxed arithmetic across instructions (no profile): chains of float and int operations guessed from constants, contradicted by bigints, strs, bools and subclasses; overflow past 64 bits, float powers at their edges, division by zero inside a chain, NaN and big-int comparisons, identity of constants, locals rebound while borrowed, an unbound local inside a chain.
import math
import sys


def poly(x):
    return x * x * 0.5 + x * 3.0 - 1.25


def ipoly(n):
    return (n * n + 3 * n - 7) // 2 % 1000003


def mixed(i, j):
    return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1)


def chain_div(a, b):
    t = a * 2.0
    return t / (b - b) + 1.0


def powers(x):
    return x ** 0.5, x ** -0.5, x ** 2.0, x ** 3


def grow(n):
    r = 3
    i = 0
    while i < n:
        r = r * 1000003 + 7
        i = i + 1
    return r


def compare_loop(lim):
    i = 0
    n = 0
    while i < lim:
        if i * 0.5 > 3:
            n = n + 1
        i = i + 1
    return n


def cmp_all(a, b):
    return [a < b, a <= b, a == b, a != b, a > b, a >= b]


def branchy(a, b):
    out = []
    if a < b:
        out.append("lt")
    if a <= b:
        out.append("le")
    if a == b:
        out.append("eq")
    if a != b:
        out.append("ne")
    if a > b:
        out.append("gt")
    if a >= b:
        out.append("ge")
    return out


def consts():
    a = 1.5
    b = 1.5
    c = 10 ** 20
    d = 10 ** 20
    e = a
    f = e + 0.0
    return a is b, c is d, e is a, f is a, f == a


def rebind(x):
    y = x + (x := 10) * 2
    return x, y


def unbound(flag):
    if flag:
        z = 2.0
    return 1.0 + z * 3.0


# Same bytecode, other constants: each keeps its own native code.
def is2(d):
    if len(d) == 2:
        return True
    return False


def is4(d):
    if len(d) == 4:
        return True
    return False


def half(x):
    return x * 0.5


def quarter(x):
    return x * 0.25


class F(float):
    def __mul__(self, other):
        return "F*" + repr(other)

    def __add__(self, other):
        return "F+" + repr(other)


class I(int):
    def __lt__(self, other):
        return "I<"


def show(label, f, *args):
    try:
        r = f(*args)
    except Exception as e:
        r = "%s: %s" % (type(e).__name__, e)
    print(label, repr(r))


for k in range(3):
    for v in (2.0, 3, -1.5, 10 ** 30, True, F(2.0), float("nan"), float("inf"), 1e308):
        show("poly", poly, v)
    for v in (5, -5, 2 ** 31, 2 ** 62, 3.5, True):
        show("ipoly", ipoly, v)
    for i, j in ((0, 0), (3, 4), (2 ** 40, 2 ** 40), (2 ** 62, 1), (1.5, 2), (-1, 0)):
        show("mixed", mixed, i, j)
    show("chain_div", chain_div, 1.0, 2.0)
    show("chain_div", chain_div, 1, 5)
    for v in (4.0, 1e-300, 1e300, -8.0, 0.0, 1.0, float("inf"), 2, 5e-324):
        show("powers", powers, v)
    for n in (1, 3, 5, 20):
        show("grow", grow, n)
    show("compare_loop", compare_loop, 20)
    show("compare_loop", compare_loop, 2.5)
    for a, b in ((1, 2), (2.0, 2), (float("nan"), 1.0), (2 ** 53 + 1, float(2 ** 53)),
                 (2 ** 63, 2 ** 63 - 1), (-0.0, 0.0), ("a", "b"), (I(1), 2), (True, 1)):
        show("cmp_all", cmp_all, a, b)
        show("branchy", branchy, a, b)
    show("branchy", branchy, 1, "x")
    show("consts", consts)
    show("same code", lambda: [is2(b"ab"), is4(b"ab"), is2(b"abcd"), is4(b"abcd"), half(3.0), quarter(3.0)])
    show("rebind", rebind, 1)
    show("rebind", rebind, 2.5)
    show("unbound", unbound, True)
    show("unbound", unbound, False)

try:
    chain_div(3.0, 3.0)
except ZeroDivisionError:
    import traceback
    traceback.print_exc(file=sys.stdout)
print(math.isnan(poly(float("nan"))))
