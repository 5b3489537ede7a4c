# Comprehensions: list, set, dict, generator; conditions; scoping of loop variables.

def squares(n):
    return [i * i for i in range(n)]


def evens_set(n):
    return {i % 10 for i in range(n) if i % 2 == 0}


def char_map(s):
    return {c: s.count(c) for c in s if c.isalpha()}


def gen_sum(n):
    return sum(x * 3 for x in range(n) if x % 3 != 1)


def filtered(words, minlen):
    return [w.upper() if len(w) > minlen + 2 else w for w in words if len(w) >= minlen]


def main():
    total = 0
    for n in range(200):
        total += len(squares(n)) + len(evens_set(n)) + gen_sum(n)
    print("total", total)
    print(squares(10), sorted(evens_set(100)), char_map("hello world"))
    print(filtered(["a", "abc", "abcdef", "xy", "longer", "mid"], 2))
    x = "outer"
    lst = [x for x in range(3)]
    print(x, lst)
    g = (i * i for i in range(5))
    print(next(g), next(g), list(g), list(g))
    print({k: v for k, v in zip("abc", range(3))}, {v: k for k, v in {"a": 1, "b": 2}.items()})
    print([(i, j) for i in range(3) for j in range(i)], [c * 2 for c in "ab"])
    print(sum(1 for _ in range(1000)), max(len(w) for w in ["a", "abc", "ab"]), any(x > 3 for x in [1, 5]), all(x for x in []))
    funcs = [lambda: i for i in range(3)]
    print([f() for f in funcs])
    funcs2 = [lambda i=i: i for i in range(3)]
    print([f() for f in funcs2])
    base = 10
    print([base + i for i in range(3)], {i: base * i for i in range(3)})
    class C:
        vals = [1, 2, 3]
        doubled = [v * 2 for v in vals]
    print(C.doubled)
    print(sorted({w[0] for w in ["apple", "avocado", "banana", "cherry"]}))
    matrix = [[r * 4 + c for c in range(4)] for r in range(3)]
    print(matrix, [row[1] for row in matrix], [sum(r) for r in matrix])
    print(dict(sorted({i % 7: i for i in range(50)}.items())))
    print(list(map(lambda t: t[0] * t[1], [(i, i + 1) for i in range(6)])))
    print([y for y in (x * 2 for x in range(10)) if y % 3 == 0])


main()
