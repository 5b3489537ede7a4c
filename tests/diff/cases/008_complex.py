# Complex numbers: arithmetic, repr, cmath, abs, conjugate.
import cmath


def poly(z, coeffs):
    r = 0j
    for c in coeffs:
        r = r * z + c
    return r


def mandel(c, limit=50):
    z = 0j
    for i in range(limit):
        z = z * z + c
        if abs(z) > 2:
            return i
    return limit


def main():
    a = 3 + 4j
    b = complex(1, -2)
    print(a, b, a + b, a - b, a * b, a / b, -a, +b)
    print(abs(a), a.real, a.imag, a.conjugate(), a == complex(3, 4), a != b)
    print(a ** 2, a ** 0.5, (1j) ** 2, 2 ** (1j), pow(a, 3))
    print(complex("1+2j"), complex("-3.5j"), complex(2), complex(0, -0.0), repr(-0j), 1j * 1j)
    print(cmath.sqrt(-1), cmath.phase(-1 + 0j), cmath.polar(1j), round(cmath.exp(1j * cmath.pi).real, 10))
    print(poly(1 + 1j, [1, 0, -2, 3]), poly(2j, [1, 1, 1]))
    rows = []
    for y in range(-10, 11, 2):
        row = ""
        for x in range(-30, 11):
            n = mandel(complex(x / 15, y / 10))
            row += "#" if n == 50 else ".:-=+*%@"[n % 8]
        rows.append(row)
    print("\n".join(rows))
    try:
        print(a / 0)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    try:
        print(a < b)
    except TypeError as e:
        print("TypeError:", e)
    print(complex(float("inf"), 1), complex(1.5, float("nan")), f"{a:.2f}", "{:>20}".format(str(b)))
    s = 0j
    for k in range(1, 300):
        s += cmath.rect(1.0 / k, k * 0.1)
    print(round(s.real, 9), round(s.imag, 9))


main()
