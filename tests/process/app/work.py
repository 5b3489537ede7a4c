"""Work done in child processes; compiled, so its entries show up natively."""


def crunch(n):
    total = 0
    for i in range(n):
        total += (i * i) % 7
    return total
