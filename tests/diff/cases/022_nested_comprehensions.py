# Nested comprehensions: matrix transpose, flattening, cartesian products, closures inside.

def transpose(m):
    return [[row[i] for row in m] for i in range(len(m[0]))]


def flatten(m):
    return [x for row in m for x in row]


def pythagorean(n):
    return [(a, b, c) for a in range(1, n) for b in range(a, n) for c in range(b, n) if a * a + b * b == c * c]


def pascal(n):
    rows = [[1]]
    for _ in range(n - 1):
        prev = rows[-1]
        rows.append([1] + [prev[i] + prev[i + 1] for i in range(len(prev) - 1)] + [1])
    return rows


def group_by_len(words):
    return {n: sorted({w for w in words if len(w) == n}) for n in sorted({len(w) for w in words})}


def main():
    m = [[i * 5 + j for j in range(5)] for i in range(4)]
    print(transpose(m))
    print(flatten(m))
    print(pythagorean(40))
    for row in pascal(12):
        print(" ".join(str(x) for x in row).center(60))
    print(group_by_len("the quick brown fox jumps over the lazy dog a an".split()))
    table = [[(lambda a, b: a * b)(a, b) for b in range(1, 6)] for a in range(1, 6)]
    print(table)
    deep = [[[k for k in range(j)] for j in range(i)] for i in range(4)]
    print(deep)
    s = 0
    for trial in range(100):
        s += sum(x for row in [[i + trial for i in range(r)] for r in range(10)] for x in row if x % 2)
    print("s", s)
    gen = ((i, j) for i in range(4) for j in (x * 10 for x in range(i)))
    print(list(gen))
    print({(i, j): i ^ j for i in range(3) for j in range(3) if i != j})
    print([[c for c in w if c not in "aeiou"] for w in ("banana", "sky", "queue")])


main()
