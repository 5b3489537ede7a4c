# Integer arithmetic: +, -, *, //, %, divmod with negative operands, abs, comparisons.

def arith(a, b):
    out = [a + b, a - b, a * b]
    if b != 0:
        out.append(a // b)
        out.append(a % b)
        q, r = divmod(a, b)
        assert q * b + r == a
        out.append((q, r))
    return out


def checksum(n):
    total = 0
    for i in range(-n, n + 1):
        for j in (-7, -3, -1, 1, 2, 5, 13):
            total += (i // j) * 3 + (i % j) - (i * j) // 7
    return total


def neg_mod_table():
    rows = []
    for a in (-17, -9, -1, 0, 1, 9, 17):
        row = []
        for b in (-5, -3, 3, 5):
            row.append("%d//%d=%d %d%%%d=%d" % (a, b, a // b, a, b, a % b))
        rows.append(" | ".join(row))
    return rows


def collatz_len(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)


def main():
    for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (5, 0), (123456, -789)]:
        print(a, b, arith(a, b))
    for line in neg_mod_table():
        print(line)
    print("checksum", checksum(200))
    best = max(range(1, 3000), key=collatz_len)
    print("collatz best", best, collatz_len(best))
    g = 0
    for i in range(1, 500):
        g += gcd(i * 12, (i + 7) * 18)
    print("gcd sum", g)
    print(abs(-5), abs(5), -(-5), +(-3), ~5, ~-1)
    print(int("-42"), int("  17 "), int("ff", 16), int("0o17", 0), int("0b101", 2), int("z", 36))
    print(True + True, True * 10, False - 1)
    x = 10
    x += 5; x -= 3; x *= 4; x //= 5; x %= 7; x **= 3
    print("x", x)
    print(2 ** 10, 2 ** -1, (-2) ** 3, (-8) ** 2, 0 ** 0)
    print(7 // 1, -7 // 1, 1 // 7, -1 // 7, -1 % 7, 1 % -7)


main()
