# Lambdas: sorting keys, map/filter/reduce, immediately invoked, default args, recursion via name.
from functools import reduce

ops = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b if b else float("inf"),
    "max": lambda *a: max(a),
}


def evaluate(tokens):
    stack = []
    for t in tokens:
        if t in ops:
            b = stack.pop()
            a = stack.pop()
            stack.append(ops[t](a, b))
        else:
            stack.append(float(t))
    return stack[0]


fact = lambda n: 1 if n <= 1 else n * fact(n - 1)


def main():
    print(evaluate("3 4 + 2 *".split()), evaluate("10 2 8 * + 3 -".split()), evaluate("1 0 /".split()))
    print(fact(20), (lambda: "iife")(), (lambda x, y=2, *a, **k: (x, y, a, k))(1, 3, 4, z=5))
    people = [("ann", 31), ("bob", 25), ("cid", 31), ("dee", 19)]
    print(sorted(people, key=lambda p: (-p[1], p[0])))
    print(list(map(lambda p: p[0].upper(), people)), list(filter(lambda p: p[1] > 20, people)))
    print(reduce(lambda a, b: a * b, range(1, 11)), reduce(lambda a, b: a + b, [], 0))
    compose2 = lambda f, g: lambda x: f(g(x))
    inc_then_dbl = compose2(lambda x: x * 2, lambda x: x + 1)
    print([inc_then_dbl(i) for i in range(6)])
    acc = 0
    sq = lambda v: v * v
    for i in range(2000):
        acc += sq(i) % 7
    print(acc)
    print((lambda: None).__name__, ops["max"](3, 8, 1), ops["-"](1, 5))
    curry = lambda a: lambda b: lambda c: a * 100 + b * 10 + c
    print(curry(1)(2)(3))
    print(sorted(["b10", "a2", "b2", "a10"], key=lambda s: (s[0], int(s[1:]))))
    y = (lambda n: (lambda f: f(f, n))(lambda self, k: 1 if k == 0 else k * self(self, k - 1)))(10)
    print(y)


main()
