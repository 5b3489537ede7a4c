# Dicts: insertion order, methods, views, merging, defaultdict, Counter, OrderedDict.
from collections import defaultdict, Counter, OrderedDict


def invert(d):
    out = {}
    for k, v in d.items():
        out.setdefault(v, []).append(k)
    return out


def word_index(text):
    idx = defaultdict(list)
    for i, w in enumerate(text.split()):
        idx[w].append(i)
    return idx


def main():
    d = {"b": 2, "a": 1, "c": 3}
    d["d"] = 4
    del d["b"]
    d["b"] = 5
    print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
    print(d.get("z"), d.get("z", 0), d.pop("a"), d.pop("zz", "dflt"), d.setdefault("e", 9), d)
    print(d.popitem(), d, len(d), "c" in d, 3 in d)
    d.update({"x": 1}, y=2)
    d.update([("z", 3)])
    print(d, d | {"c": 100}, {**d, "q": 0})
    d |= {"w": 7}
    print(d, dict.fromkeys("abc", 0), dict(zip("xyz", range(3))), dict(a=1, b=2))
    try:
        d["missing"]
    except KeyError as e:
        print("KeyError:", e, repr(e))
    print(invert({"a": 1, "b": 2, "c": 1, "d": 3, "e": 2}))
    idx = word_index("a b a c b a d")
    print(dict(idx), sorted(idx))
    c = Counter("mississippi")
    print(sorted(c.items()), c.most_common(2), c["z"], sum(c.values()))
    c2 = Counter(i % 7 for i in range(1000))
    print(sorted(c2.items()), (c2 - Counter({0: 100})).most_common(1))
    od = OrderedDict()
    for k in "hello":
        od[k] = od.get(k, 0) + 1
    od.move_to_end("h")
    print(od, list(od))
    cache = {}
    def fibm(n):
        if n in cache:
            return cache[n]
        r = n if n < 2 else fibm(n - 1) + fibm(n - 2)
        cache[n] = r
        return r
    print(fibm(150), len(cache))
    keys = {1: "int", 1.0: "float", True: "bool"}
    print(keys, {(1, 2): "t", frozenset([1]): "fs"})
    dv = {"k": 1}
    ks = dv.keys()
    dv["j"] = 2
    print(ks, ks & {"k", "m"}, sorted(ks | {"z"}), dv.items() >= {("k", 1)})
    try:
        for k in dv:
            dv[k + "x"] = 0
    except RuntimeError as e:
        print("RuntimeError:", e)
    big = {i: i * i for i in range(2000)}
    for i in range(0, 2000, 3):
        del big[i]
    print(len(big), sum(big.values()), list(big)[:5], list(reversed(big))[:3])
    print({1: 2} == {1: 2.0}, {"a": 1, "b": 2} == {"b": 2, "a": 1})


main()
