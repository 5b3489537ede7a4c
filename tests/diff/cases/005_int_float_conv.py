# int/float conversions, truncation, rounding, round-half-even, float.is_integer, as_integer_ratio.

def conv(x):
    import math
    return (int(x), math.floor(x), math.ceil(x), round(x), math.trunc(x))


def main():
    for x in (2.5, 3.5, -2.5, -3.5, 0.5, -0.5, 1.4999, 2.675, -7.9, 1e15 + 0.5):
        print(repr(x), conv(x), round(x, 1), round(x, 2))
    acc = 0
    for i in range(-500, 500):
        f = i / 8
        acc += int(f) * 3 + round(f) - int(f * 3)
    print("acc", acc)
    print(float(7), float(-0), float("1e500"), float("-inf"), float("  3.25  "))
    print(int(3.999), int(-3.999), int("12_345"), float("1_000.5"))
    print((0.75).as_integer_ratio(), (-2.5).as_integer_ratio(), (10.0).is_integer(), (10.5).is_integer())
    print(7 / 2, -7 / 2, 1 / 3, 2 / 3, 10 / 5, type(10 / 5).__name__)
    print(3 * 1.0, 3 + 0.1, 2 ** 0.5, 10 ** -2, 2 ** 53 + 1.0)
    print(float(2 ** 53 + 1), int(float(2 ** 53 + 1)), 2 ** 53 + 1 == float(2 ** 53 + 1))
    print(1 == 1.0, 2 ** 64 == float(2 ** 64), 0.1 + 0.2 == 0.3, round(0.1 + 0.2, 10) == 0.3)
    print(round(123456, -2), round(-123456, -3), round(150, -2), round(250, -2))
    print(divmod(7.5, 2), divmod(-7.5, 2), 7.5 // -2, -7.5 % 2, 5 % -0.75)
    for s in ("nan", "inf", "-Infinity", "1e-320"):
        print(s, float(s))
    try:
        int(float("inf"))
    except OverflowError as e:
        print("OverflowError:", e)
    try:
        int(float("nan"))
    except ValueError as e:
        print("ValueError:", e)
    try:
        int("3.5")
    except ValueError as e:
        print("ValueError:", e)
    print(float.fromhex("0x1.8p1"), (3.0).hex(), (0.1).hex())


main()
