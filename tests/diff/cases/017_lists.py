# Lists: methods, aliasing, nesting, sort stability, copy semantics, comparison.

def insertion_sort(a):
    a = list(a)
    for i in range(1, len(a)):
        k = a[i]
        j = i - 1
        while j >= 0 and a[j] > k:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = k
    return a


def merge_sort(a):
    if len(a) <= 1:
        return a
    m = len(a) // 2
    l, r = merge_sort(a[:m]), merge_sort(a[m:])
    out = []
    i = j = 0
    while i < len(l) and j < len(r):
        if l[i] <= r[j]:
            out.append(l[i]); i += 1
        else:
            out.append(r[j]); j += 1
    out.extend(l[i:])
    out.extend(r[j:])
    return out


def lcg(seed):
    while True:
        seed = (seed * 1103515245 + 12345) % (2 ** 31)
        yield seed % 1000


def main():
    g = lcg(7)
    data = [next(g) for _ in range(600)]
    print(data[:15])
    s1 = insertion_sort(data)
    s2 = merge_sort(data)
    print(s1 == s2 == sorted(data), s1[:10], s1[-5:])
    a = [1, 2, 3]
    b = a
    c = a[:]
    b.append(4)
    print(a, b, c, a is b, a is c, a == b)
    a.extend([5, 6]); a.insert(0, 0); a.insert(100, 99); a.insert(-1, 98)
    print(a, a.pop(), a.pop(0), a.pop(-2), a)
    a.remove(3)
    print(a, a.index(4), a.count(2), 2 in a, 7 in a)
    a.reverse(); print(a)
    a.sort(); print(a)
    print(a * 2, [0] * 5, [[0] * 2] * 2, a + [100])
    grid = [[0] * 3] * 3
    grid[0][0] = 1
    print(grid)
    grid2 = [[0] * 3 for _ in range(3)]
    grid2[0][0] = 1
    print(grid2)
    print([1, 2, 3] < [1, 2, 4], [1, 2] < [1, 2, 0], [] < [0], [[1]] == [[1]], max([[1, 2], [1, 3]]))
    pairs = [(k % 5, k) for k in range(20)]
    pairs.sort(key=lambda p: p[0])
    print(pairs)
    lst = list(range(10))
    print(lst.copy(), list("abc"), list(range(5, 0, -1)), len(lst), sum(lst), min(lst), max(lst))
    lst.clear()
    print(lst, bool(lst), bool([0]))
    nested = [1, [2, [3, [4, [5]]]]]
    def flatten(x):
        for y in x:
            if isinstance(y, list):
                yield from flatten(y)
            else:
                yield y
    print(list(flatten(nested)))
    try:
        [].pop()
    except IndexError as e:
        print("IndexError:", e)
    try:
        [1].index(2)
    except ValueError as e:
        print("ValueError:", e)
    rec = [1, 2]
    rec.append(rec)
    print(rec)
    acc = []
    for i in range(1000):
        acc.append(i)
        if len(acc) > 10:
            acc.pop(0)
    print(acc)


main()
