def line_total(item, qty):
    taken = item.take(qty)
    total = 0.0
    for _ in range(taken):
        total += item.price
    return total


def checkout(inv, basket, discount=0.0):
    total = 0.0
    for name, qty in basket.items():
        total += line_total(inv.get(name), qty)
    return round(total * (1.0 - discount), 2)


def primes_below(n):
    sieve = [True] * n
    sieve[0] = sieve[1] = False
    i = 2
    while i * i < n:
        if sieve[i]:
            for j in range(i * i, n, i):
                sieve[j] = False
        i += 1
    return [i for i in range(n) if sieve[i]]
