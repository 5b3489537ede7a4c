# Recursion: fib, ackermann (small), mutual recursion, deep recursion (~500 levels), hanoi, recursion limit caught.
import sys


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)


def sum_list(lst):
    if not lst:
        return 0
    return lst[0] + sum_list(lst[1:])


def hanoi(n, a, b, c, moves):
    if n == 0:
        return
    hanoi(n - 1, a, c, b, moves)
    moves.append((a, c))
    hanoi(n - 1, b, a, c, moves)


def power_set(s):
    if not s:
        return [[]]
    rest = power_set(s[1:])
    return rest + [[s[0]] + r for r in rest]


def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)


def infinite(n):
    return infinite(n + 1)


def main():
    print([fib(i) for i in range(20)], fib(22))
    print([[ack(m, n) for n in range(4)] for m in range(3)], ack(2, 3), ack(3, 3))
    print(is_even(100), is_odd(77), is_even(301), is_odd(500))
    print(depth(500), depth(900))
    print(sum_list(list(range(400))))
    moves = []
    hanoi(10, "A", "B", "C", moves)
    print(len(moves), moves[:5], moves[-3:])
    ps = power_set([1, 2, 3, 4])
    print(len(ps), sorted(ps))
    print(gcd(2 ** 40, 6 ** 20), sum(gcd(i, 360) for i in range(1, 2000)))
    try:
        infinite(0)
    except RecursionError as e:
        print("RecursionError:", e)
    print(sys.getrecursionlimit())
    print(depth(400))


main()
