# Big integers: factorials, fibonacci, huge multiplications, string conversions.

def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def digit_sum(n):
    s = 0
    for ch in str(n):
        s += int(ch)
    return s


def isqrt_newton(n):
    if n < 2:
        return n
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x


def main():
    f100 = fact(100)
    print(f100)
    print(len(str(f100)), digit_sum(f100))
    print(fib(300))
    big = 2 ** 200 - 1
    print(big, big.bit_length(), hex(big)[:20])
    print(-big // 12345, -big % 12345, divmod(big, -98765))
    print((big * big) % 1000000007)
    print(isqrt_newton(10 ** 60 + 12345), isqrt_newton(2 ** 127))
    import math
    total = 0
    for i in range(1, 400):
        total += isqrt_newton(i ** 7 + i) - math.isqrt(i ** 7 + i)
    print("isqrt diff", total)
    print(-(10 ** 30) // 7, -(10 ** 30) % 7, (10 ** 30) // -7)
    print(int("9" * 50) + 1)
    print(int.from_bytes(b"\x01\x00\x00\x00\x00\x00\x00\x00\x00", "big"))
    print((2 ** 100).to_bytes(13, "little"))
    print(abs(-(3 ** 90)), (3 ** 90) == 3 ** 90, 3 ** 90 > 2 ** 142)
    x = 1
    for i in range(1, 60):
        x = x * 31 + i
        if i % 10 == 0:
            print(i, x)
    print(f100 // fact(98), fact(30) // fact(28))
    print(float(2 ** 100), int(1e20), int(-1.5e19))
    print(sum(fib(i) for i in range(200)) == fib(201) - 1)


main()
