# Numeric algorithms: Newton's method, bisection, Fractions, Decimal with context precision, statistics, math functions.
import math
import statistics
from decimal import Decimal, getcontext, localcontext
from fractions import Fraction


def newton_sqrt(x, tol=1e-12):
    if x == 0:
        return 0.0
    g = x
    for _ in range(100):
        ng = 0.5 * (g + x / g)
        if abs(ng - g) < tol:
            return ng
        g = ng
    return g


def bisect_root(f, lo, hi, iters=60):
    for _ in range(iters):
        mid = (lo + hi) / 2
        if (f(lo) < 0) == (f(mid) < 0):
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def harmonic_fraction(n):
    s = Fraction(0)
    for k in range(1, n + 1):
        s += Fraction(1, k)
    return s


def pi_decimal(digits):
    with localcontext() as ctx:
        ctx.prec = digits + 5
        # Machin formula
        def arctan_inv(x):
            x = Decimal(x)
            total = term = 1 / x
            x2 = x * x
            n = 1
            sign = -1
            while True:
                term /= x2
                t = term / (2 * n + 1)
                if t == 0 or t < Decimal(10) ** (-(digits + 3)):
                    break
                total += sign * t
                sign = -sign
                n += 1
            return total
        pi = 4 * (4 * arctan_inv(5) - arctan_inv(239))
        ctx.prec = digits
        return +pi


def main():
    print([round(newton_sqrt(x), 10) for x in (0, 1, 2, 10, 1e6, 0.25)])
    print(bisect_root(lambda x: x ** 3 - 2 * x - 5, 2, 3), bisect_root(math.cos, 0, 3))
    h = harmonic_fraction(30)
    print(h, float(h), h.numerator % 1000, h.denominator % 1000)
    print(Fraction(3, 4) + Fraction(1, 6), Fraction("0.125"), Fraction(1.5), Fraction(1, 3) ** 2, Fraction(7, 3) // 1, Fraction(-7, 3) % 2)
    print(Fraction(355, 113).limit_denominator(10), Fraction(math.pi).limit_denominator(1000))
    print(pi_decimal(50))
    getcontext().prec = 28
    print(Decimal(1) / Decimal(7), Decimal("0.1") + Decimal("0.2"), Decimal("1.10") * 3, Decimal("2").sqrt())
    print(Decimal("123.456").quantize(Decimal("0.01")), Decimal("-0"), Decimal("1e3").normalize(), Decimal("NaN").is_nan())
    data = [(i * 13) % 17 + 0.5 for i in range(40)]
    print(statistics.mean(data), statistics.median(data), statistics.mode([1, 2, 2, 3]), round(statistics.pstdev(data), 10))
    print(math.gcd(462, 1071), math.lcm(4, 6, 10), math.comb(30, 12), math.perm(10, 3), math.factorial(25), math.prod(range(1, 11)))
    print(math.floor(-2.5), math.ceil(-2.5), math.hypot(3, 4), math.log(1024, 2), math.log10(1e-5), math.degrees(math.pi), round(math.sin(math.pi / 6), 12))
    total = 0.0
    for i in range(1, 3000):
        total += newton_sqrt(i) - math.sqrt(i)
    print("newton error sum", abs(total) < 1e-6)


main()
