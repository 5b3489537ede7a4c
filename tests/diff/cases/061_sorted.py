# sorted/list.sort with key and reverse, stability, sorting mixed keys, min/max with key/default, reversed.

def records():
    names = ["delta", "alpha", "Charlie", "bravo", "echo", "Alpha", "foxtrot", "golf"]
    return [(n, (i * 37) % 11, len(n)) for i, n in enumerate(names)]


def main():
    nums = [(i * 7919) % 101 - 50 for i in range(40)]
    print(sorted(nums))
    print(sorted(nums, reverse=True))
    print(sorted(nums, key=abs))
    print(sorted(nums, key=lambda x: (x % 5, -x)))
    words = ["banana", "Apple", "cherry", "apple", "Banana", "date", "Elder", "fig"]
    print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
    print(sorted(words, key=lambda w: (len(w), w.lower())))
    recs = records()
    print(sorted(recs, key=lambda r: r[1]))
    print(sorted(recs, key=lambda r: r[1], reverse=True))
    print(sorted(recs, key=lambda r: (r[2], r[0])))
    from operator import itemgetter, attrgetter
    print(sorted(recs, key=itemgetter(2, 1)))

    class P:
        def __init__(self, n, a):
            self.n, self.a = n, a

        def __repr__(self):
            return "%s:%d" % (self.n, self.a)
    ps = [P("x", 3), P("y", 1), P("z", 3), P("w", 2)]
    print(sorted(ps, key=attrgetter("a")), sorted(ps, key=attrgetter("a", "n"), reverse=True))
    lst = list(nums)
    lst.sort(key=lambda x: x % 7)
    print(lst)
    lst.sort(reverse=True)
    print(lst[:10])
    print(min(words), max(words), min(words, key=len), max(words, key=len), min([], default="empty"), max(3, 1, 2))
    print(min((3, "c"), (1, "z"), (1, "a")), max("hello world".split(), key=lambda w: w[-1]))
    print(list(reversed([1, 2, 3])), list(reversed("abc")), sorted("hello"), sorted({"b": 1, "a": 2}))
    print(sorted([3.5, 1, 2.25, -1, 0]), sorted([True, False, 2, -1]), sorted([[2, 1], [1, 3], [1, 2]]))
    total = 0
    for i in range(200):
        data = [(j * (i + 3)) % 17 for j in range(30)]
        s = sorted(data, key=lambda v: -v)
        total += s[0] * 100 + s[-1] + s[len(s) // 2]
    print(total)
    try:
        sorted([1, "a", 2])
    except TypeError as e:
        print("TypeError:", e)
    stable = sorted([("a", 2), ("b", 1), ("c", 2), ("d", 1), ("e", 2)], key=lambda t: t[1])
    print(stable)


main()
