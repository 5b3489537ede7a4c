# Chained comparisons, is / is not, in / not in, conditional expressions, truthiness, short-circuit evaluation order.

calls = []


def v(x):
    calls.append(x)
    return x


def in_range(x, lo, hi):
    return lo <= x < hi


def sign(x):
    return "neg" if x < 0 else "zero" if x == 0 else "pos"


def clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


def main():
    print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0, 1 == 1.0 == True, 1 < 2 > 1, 2 != 3 != 2)
    del calls[:]
    r = v(1) < v(0) < v(5)
    print(r, calls)
    del calls[:]
    r = v(1) < v(2) < v(3) < v(0) < v(9)
    print(r, calls)
    del calls[:]
    print(v(0) or v("") or v("x") or v("y"), calls)
    del calls[:]
    print(v(1) and v([]) and v(2), calls)
    del calls[:]
    print(v(None) or v(0), v(3) and v(4), not v(0), calls)
    print([in_range(i, 2, 5) for i in range(7)])
    print([sign(i) for i in (-2, 0, 3)], [clamp(i, 0, 10) for i in (-5, 5, 50)])
    a = [1, 2]
    b = a
    c = [1, 2]
    print(a is b, a is c, a == c, a is not c, None is None, type(None) is type(None))
    print(2 in a, 3 not in a, "ab" in "cabd", "" in "x", 1 in {1: 2}, 2 in {1: 2}, (1, 2) in [(1, 2)])
    print(not 0, not [], not [0], not "", not " ", bool(0.0), bool(-0.0), bool(0j), bool(None), bool(range(0)))
    x = 5
    print(0 < x <= 5, 0 < x < 5, x is not None, (x > 3) + (x > 4) + (x > 5))
    print("abc" < "abd" < "b", [1, 2] < [1, 3], (1, "a") < (1, "b"), {1} < {1, 2}, {1, 2} > {1, 2})
    total = 0
    for i in range(-50, 50):
        for j in range(-5, 5):
            if -10 < i * j <= 20 and i != j:
                total += 1
            total += 1 if i < j < 3 else 0
    print(total)
    try:
        print(1 < "a")
    except TypeError as e:
        print("TypeError:", e)
    try:
        print([1] < (1,))
    except TypeError as e:
        print("TypeError:", e)
    print(1 == "1", [] == (), None == False, 0 == False, "" == b"", 1.5 == 3 / 2)
    res = [y if y % 2 else -y for y in range(6)]
    print(res, [("even" if n % 2 == 0 else "odd") for n in range(4)])
    n = None
    print(n is None and "none" or "something", (n or "default"), (0 or None), ([] and 1))


main()
