# Float edge cases: inf, nan, -0.0, comparisons, division by zero caught, repr.
import math


def classify(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "+inf" if x > 0 else "-inf"
    if x == 0:
        return "-zero" if math.copysign(1.0, x) < 0 else "+zero"
    return "finite"


def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError as e:
        return "ZeroDivisionError(%s)" % e


def safe_floordiv(a, b):
    try:
        return a // b
    except ZeroDivisionError as e:
        return "ZDE:" + str(e)


def safe_mod(a, b):
    try:
        return a % b
    except ZeroDivisionError as e:
        return "ZDE:" + str(e)


def main():
    inf = float("inf")
    nan = float("nan")
    vals = [0.0, -0.0, 1.0, -1.0, inf, -inf, nan, 1e308, 5e-324, -5e-324]
    for v in vals:
        print(repr(v), classify(v), classify(v * 2), classify(-v))
    print(inf - inf, inf * 0, inf + inf, -inf * -1, inf / inf)
    print(nan == nan, nan != nan, nan < 1, nan > 1, inf > 1e308, -inf < -1e308)
    print(0.0 == -0.0, str(-0.0), repr(-0.0), -0.0 + 0.0, -0.0 * 5, abs(-0.0))
    print(math.copysign(3, -0.0), math.atan2(0.0, -0.0), math.atan2(-0.0, -1.0))
    print(1e308 * 10, -1e308 * 10, 5e-324 / 2, 1e-320 * 1e-10)
    for a, b in [(1, 0), (1.0, 0.0), (0, 0.0), (-1, -0.0), (5, 2)]:
        print(a, b, safe_div(a, b), safe_floordiv(a, b), safe_mod(a, b))
    print(max(1.0, nan), max(nan, 1.0), min(-0.0, 0.0), min(0.0, -0.0))
    print(sorted([3.0, -inf, 0.0, inf, -0.0, -2.5]))
    print(math.fsum([0.1] * 10), sum([0.1] * 10))
    print(math.isclose(0.1 + 0.2, 0.3), math.isfinite(1e308), math.isfinite(inf))
    try:
        math.sqrt(-1)
    except ValueError as e:
        print("ValueError:", e)
    try:
        math.exp(1000)
    except OverflowError as e:
        print("OverflowError:", e)
    try:
        print(2.0 ** 10000)
    except OverflowError as e:
        print("OverflowError:", e)
    print(float("-nan"), abs(float("-inf")), -nan)
    count = 0
    x = 1.0
    while x / 2 > 0:
        x /= 2
        count += 1
    print("halvings", count, x)
    print(hash(inf), hash(-inf), hash(0.0) == hash(-0.0), hash(1.0) == hash(1))
    total = 0.0
    for i in range(1, 2000):
        total += 1.0 / i
    print("harmonic", total)


main()
