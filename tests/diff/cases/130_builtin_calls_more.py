# Builtins called without vectorcall (min, max, abs, type, dict.get, str.join): ties keep the first argument, NaN, mixed types and failing comparisons, __lt__/__gt__ with side effects, __abs__, type of subclasses and metaclasses, dict.get on subclasses with __missing__ and unhashable keys, str.join errors and str subclasses, replaced builtins and descriptors applied to the wrong type.
import builtins
class K:
    log = []
    def __init__(self, v): self.v = v
    def __lt__(self, o): K.log.append(("lt", self.v, o.v)); return self.v < o.v
    def __gt__(self, o): K.log.append(("gt", self.v, o.v)); return self.v > o.v
    def __repr__(self): return "K(%r)" % self.v
class A:
    def __abs__(self): return "abs of A"
class Meta(type): pass
class WithMeta(metaclass=Meta): pass
class D(dict):
    def __missing__(self, k): return "missing"
class S(str): pass
def f():
    out = []
    nan = float("nan")
    for a, b in ((1, 2), (2, 1), (1, 1.0), (1.0, 1), (nan, 1), (1, nan), ("b", "a"), (-0.0, 0.0), (0.0, -0.0)):
        out.append((min(a, b), max(a, b)))
    out.append((min(3, 1, 2), max(3, 1, 2), min(1, 2, 1.0, 3), max([5, 9, 2])))
    ks = [K(2), K(1), K(2), K(3)]
    out.append((min(*ks), max(*ks), K.log[:]))
    for a, b in ((1, "a"), (None, None)):
        try: out.append(min(a, b))
        except TypeError as e: out.append(str(e))
        try: out.append(max(a, b))
        except TypeError as e: out.append(str(e))
    try: min()
    except TypeError as e: out.append(str(e))
    out.append((min(4, 2, key=lambda x: -x), max((), default="d")))
    for v in (-3, 3, -2.5, -0.0, -(2 ** 80), 3 + 4j, True, A()):
        out.append(abs(v))
    try: abs("x")
    except TypeError as e: out.append(str(e))
    for v in (1, "s", None, WithMeta, WithMeta(), D(), S("x"), type):
        out.append(type(v))
    out.append(type("N", (), {"a": 1}).__name__)
    d = {"a": 1, 2: "two"}
    dd = D(a=1)
    out.append((d.get("a"), d.get("zz"), d.get("zz", 0), d.get(2, 5), dd.get("a"), dd.get("q"), dd["q"]))
    try: d.get([])
    except TypeError as e: out.append(str(e))
    try: dict.get([], 1)
    except TypeError as e: out.append(str(e))
    g = d.get; out.append(g("a"))
    out.append((",".join(["a", "b"]), "".join(x for x in "xyz"), S("-").join("ab"), str.join("+", ("p", "q"))))
    for bad in (["a", 1], 5, [b"x"]):
        try: out.append("-".join(bad))
        except TypeError as e: out.append(str(e))
    try: str.join(1, ["a"])
    except TypeError as e: out.append(str(e))
    return out
def g(d):
    return min(2, 1), max(1, 2), abs(-1), type(1), d.get(1), "-".join("ab")
print(f())
print(g({}))
saved = builtins.min, builtins.abs
builtins.min = lambda *a: "replaced min"
builtins.abs = lambda x: "replaced abs"
print(g({}))
builtins.min, builtins.abs = saved
type = lambda x: "shadowed type"
print(g(D()))
