# pow with modulus, modular inverse, fast exponentiation, Miller-Rabin.

def modexp(b, e, m):
    r = 1
    b %= m
    while e > 0:
        if e & 1:
            r = r * b % m
        b = b * b % m
        e >>= 1
    return r


def is_prime_mr(n):
    if n < 2:
        return False
    small = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)
    for p in small:
        if n % p == 0:
            return n == p
    d = n - 1
    s = 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in small:
        x = pow(a, d, n)
        if x == 1 or x == n - 1:
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def main():
    bad = 0
    for b in range(2, 60):
        for e in range(0, 40, 3):
            for m in (7, 97, 1000003):
                if modexp(b, e, m) != pow(b, e, m):
                    bad += 1
    print("mismatches", bad)
    print(pow(3, 200, 10 ** 9 + 7), pow(-3, 7, 11), pow(3, -1, 11), pow(7, -2, 13))
    print(pow(2, 0, 1), pow(0, 0, 7), pow(5, 3, -7))
    print([n for n in range(1, 200) if is_prime_mr(n)])
    print(is_prime_mr(2 ** 61 - 1), is_prime_mr(2 ** 61 + 1), is_prime_mr(1000000007))
    big = [p for p in range(10 ** 12, 10 ** 12 + 300) if is_prime_mr(p)]
    print(big)
    try:
        pow(2, -1, 4)
    except ValueError as e:
        print("ValueError:", e)
    try:
        pow(2, 3, 0)
    except ValueError as e:
        print("ValueError:", e)
    print(pow(2, 10), pow(2.0, 0.5), pow(-8, 1 / 3).real.__round__(6), pow(4, -2))


main()
