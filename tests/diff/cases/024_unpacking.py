# Unpacking: starred targets, nested targets, unpacking in for loops, errors, iterable unpacking in literals.

def head_tail(seq):
    first, *rest = seq
    return first, rest


def ends(seq):
    first, *mid, last = seq
    return first, mid, last


def swap_pairs(pairs):
    return [(b, a) for a, b in pairs]


def main():
    for seq in ([1], [1, 2], [1, 2, 3, 4, 5], "hello", range(4)):
        print(head_tail(seq), end=" ")
        if len(seq) >= 2:
            print(ends(seq))
        else:
            print()
    a, *b, c = range(3)
    print(a, b, c)
    *x, y = [1]
    print(x, y)
    (p, q), *r = [(1, 2), (3, 4), (5, 6)]
    print(p, q, r)
    for i, (k, v) in enumerate(sorted({"b": 2, "a": 1}.items())):
        print(i, k, v)
    for a, *rest in [(1, 2, 3), (4,), (5, 6)]:
        print(a, rest)
    print(swap_pairs([(1, "a"), (2, "b")]))
    print([*range(3), *"ab", *{1: 0}], (*[1, 2], 3), {*"aab"} == {"a", "b"}, {**{"a": 1}, **{"b": 2}})
    try:
        a, b = [1, 2, 3]
    except ValueError as e:
        print("ValueError:", e)
    try:
        a, b, c = [1]
    except ValueError as e:
        print("ValueError:", e)
    try:
        a, *b, c = [1]
    except ValueError as e:
        print("ValueError:", e)
    try:
        a, b = 5
    except TypeError as e:
        print("TypeError:", e)
    total = 0
    for _ in range(500):
        h, *t = range(10)
        *i, j = t
        total += h + sum(i) * j
    print("total", total)
    m = [[1, 2], [3, 4]]
    [[a, b], [c, d]] = m
    print(a, b, c, d)
    first, second, *_ = "xyzw"
    print(first, second, _)
    d = {}
    d["a"], d["b"] = 1, 2
    lst = [0, 0, 0]
    lst[0], lst[2] = "L", "R"
    print(d, lst)
    i = 0
    data = [10, 20, 30]
    i, data[i] = 1, 99
    print(i, data)


main()
