# Sets and frozensets: operations, membership, sorted output, set of tuples.

def primes_below(n):
    comp = set()
    for i in range(2, n):
        if i not in comp:
            for j in range(i * i, n, i):
                comp.add(j)
    return sorted(set(range(2, n)) - comp)


def closure(start, edges):
    seen = {start}
    frontier = [start]
    while frontier:
        nxt = []
        for u in frontier:
            for v in edges.get(u, ()):
                if v not in seen:
                    seen.add(v)
                    nxt.append(v)
        frontier = nxt
    return seen


def main():
    a = {1, 2, 3, 4}
    b = {3, 4, 5}
    print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), a <= b, {3} < b, a.isdisjoint({9}))
    a.add(10); a.discard(1); a.discard(100); a.remove(2)
    print(sorted(a), len(a), 3 in a, 2 not in a)
    try:
        a.remove(999)
    except KeyError as e:
        print("KeyError:", e)
    words = {"pear", "apple", "fig", "kiwi", "apple"}
    print(sorted(words), len(words), sorted(words, key=len))
    fs = frozenset("hello")
    print(sorted(fs), type(fs).__name__, fs == frozenset("olleh"), {fs: 1}[frozenset("heloo")])
    print(sorted(fs | {"z"}), type(fs | {"z"}).__name__, type({"z"} | fs).__name__)
    print(primes_below(120))
    edges = {i: [(i * 2) % 50, (i * 3 + 1) % 50] for i in range(50)}
    print(sorted(closure(1, edges)), len(closure(7, edges)))
    s = set()
    for i in range(3000):
        s.add((i * 37) % 101)
    print(len(s), min(s), max(s), sum(s))
    u = set().union(*[{i, i + 1} for i in range(0, 20, 5)])
    print(sorted(u), sorted(set.intersection({1, 2, 3}, {2, 3}, {3, 2, 9})))
    x = {1, 2, 3}
    x |= {4}; x &= {2, 3, 4}; x -= {3}; x ^= {9, 2}
    print(sorted(x), set(), frozenset(), repr(set()), {1} == frozenset({1}))
    pts = {(i % 4, i % 6) for i in range(100)}
    print(len(pts), sorted(pts)[:6])
    print(sorted({-0.0, 0, 0.0, False}), {1, 1.0, True}, len({"a", "a", "b"}))
    try:
        {[1]}
    except TypeError as e:
        print("TypeError:", e)


main()
