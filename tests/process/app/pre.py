"""Work done only in the parent before it forks."""


def warm(n):
    total = 0
    for i in range(n):
        total ^= i
    return total
