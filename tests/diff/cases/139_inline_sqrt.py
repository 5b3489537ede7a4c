# pyaot-train: train
# math.sqrt computed in the unboxed tier: the training run calls sqrt on
# floats, through a global and through the module; the real run then
# meets negative numbers, -0.0, NaN, infinities, ints, big ints, bools and
# objects with __float__, and `sqrt` rebound to cmath.sqrt, to a Python
# function, to a C function of another name, and a reloaded math module.
import cmath
import importlib
import math
import sys
from math import sqrt

TRAINING = len(sys.argv) > 1


def norm(x, y):
    return sqrt(x * x + y * y)


def norm_mod(x, y):
    return math.sqrt(x * x + y * y)


def root(v):
    return sqrt(v)


def root_plus(v):
    # Never run in training: decided without a profile.
    return sqrt(v) + 1.0


def sqrt_then_identity(v):
    a = b = sqrt(v)
    return a is b


def train():
    for i in range(200):
        norm(i * 0.5, 1.5)
        norm_mod(1.5, i * 0.25)
        root(i + 0.5)


class F:
    def __repr__(self):
        return "F()"

    def __float__(self):
        print("__float__ called")
        return 6.25


def report(label, f, *args):
    try:
        r = f(*args)
    except Exception as e:
        r = "%s: %s" % (type(e).__name__, e)
    print(label, repr(r))


def run():
    global sqrt
    for x, y in [(3.0, 4.0), (0.0, -0.0), (1e200, 1e200), (float("inf"), 1.0),
                 (float("nan"), 1.0), (3, 4), (2**40, 1), (True, False)]:
        report("norm %r %r" % (x, y), norm, x, y)
        report("norm_mod %r %r" % (x, y), norm_mod, x, y)
    for v in [2.0, -0.0, -1.0, -1e-300, float("-inf"), float("nan"), 16, -4, 10**400,
              True, F(), "4", None, 2 + 0j]:
        report("root %r" % (v,), root, v)
        report("root_plus %r" % (v,), root_plus, v)
    report("identity", sqrt_then_identity, 2.25)
    # Another sqrt under the same name.
    sqrt = cmath.sqrt
    report("cmath", root, -4.0)
    report("cmath plus", root_plus, 9.0)
    sqrt = lambda v: "py sqrt of %r" % (v,)
    report("lambda", root, 2.0)
    sqrt = math.floor
    report("floor", root, 2.5)
    math.sqrt = lambda v: -v
    report("patched module", norm_mod, 3.0, 4.0)
    # A fresh math module: its sqrt is a new object with the same function.
    del sys.modules["math"]
    fresh = importlib.import_module("math")
    sqrt = fresh.sqrt
    report("fresh", root, 6.25)
    report("fresh plus", root_plus, -6.25)
    print("fresh is old", fresh is math, fresh.sqrt is math.sqrt)


if TRAINING:
    train()
else:
    run()
