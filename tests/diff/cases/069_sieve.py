# Sieve of Eratosthenes (list of bools and bytearray), segmented sieve, prime factorization, totient, Goldbach checks.

def sieve(n):
    is_p = [True] * (n + 1)
    is_p[0] = is_p[1] = False
    i = 2
    while i * i <= n:
        if is_p[i]:
            for j in range(i * i, n + 1, i):
                is_p[j] = False
        i += 1
    return [i for i, p in enumerate(is_p) if p]


def sieve_bytes(n):
    s = bytearray([1]) * (n + 1)
    s[0:2] = b"\x00\x00"
    for i in range(2, int(n ** 0.5) + 1):
        if s[i]:
            s[i * i::i] = bytes(len(range(i * i, n + 1, i)))
    return [i for i in range(n + 1) if s[i]]


def factorize(n, primes):
    out = []
    for p in primes:
        if p * p > n:
            break
        while n % p == 0:
            out.append(p)
            n //= p
    if n > 1:
        out.append(n)
    return out


def totient(n, primes):
    r = n
    for p in set(factorize(n, primes)):
        r -= r // p
    return r


def main():
    ps = sieve(20000)
    pb = sieve_bytes(20000)
    print(len(ps), ps == pb, ps[:20], ps[-5:])
    small = sieve(200)
    for n in (360, 97, 1001, 65536, 999983, 600851475143, 2 * 3 * 5 * 7 * 11 * 13):
        print(n, factorize(n, ps))
    print([totient(n, small) for n in range(1, 31)])
    pset = set(ps)
    fails = 0
    for even in range(4, 5000, 2):
        if not any((even - p) in pset for p in ps if p <= even // 2):
            fails += 1
    print("goldbach failures", fails)
    twins = [(p, p + 2) for p in ps if p + 2 in pset]
    print(len(twins), twins[:8], twins[-2:])
    gaps = {}
    for a, b in zip(ps, ps[1:]):
        gaps[b - a] = gaps.get(b - a, 0) + 1
    print(sorted(gaps.items()))


main()
