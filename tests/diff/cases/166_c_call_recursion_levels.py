# The level of recursion each kind of C call and comparison counts, probed at the recursion limit (the deepest frame that can still make the call): fast-call builtins and methods (none, as 3.11's specialized forms), METH_O and METH_NOARGS ones (one), a method of a subclass instance or a builtin whose flags carry METH_CLASS (one: the generic path), keyword calls of fast-call functions, min/max and abs, list.append whose result is dropped or returned, a bound builtin method, comparisons alone and before a jump of ints, floats and strs, a Python __lt__, and an inlined leaf that compares.
# pyaot-train:
import sys
class MyStr(str):
    pass
class MyList(list):
    pass
def probe(k, f):
    if k:
        return probe(k - 1, f)
    return f()
def limit(f):
    k = 0
    while True:
        try:
            probe(k, f)
        except RecursionError:
            return k
        k += 1
def append_dropped():
    l = []
    l.append(1)
    return l
bound = [].append
calls = [
    ("divmod", lambda: divmod(7, 2)),
    ("getattr", lambda: getattr(1, "real")),
    ("str.replace", lambda: "abc".replace("a", "b")),
    ("MyStr.replace", lambda: MyStr("abc").replace("a", "b")),
    ("dict.get", lambda: {}.get(1)),
    ("str.upper", lambda: "abc".upper()),
    ("MyStr.upper", lambda: MyStr("abc").upper()),
    ("str.join", lambda: "-".join(["a"])),
    ("len", lambda: len("ab")),
    ("isinstance", lambda: isinstance(1, int)),
    ("abs", lambda: abs(-3)),
    ("min", lambda: min(3, 1)),
    ("max", lambda: max(1.5, 2.5, 0.5)),
    ("sorted kw", lambda: sorted([2, 1], reverse=True)),
    ("str.split kw", lambda: "a b c".split(maxsplit=1)),
    ("dict.fromkeys", lambda: dict.fromkeys("ab")),
    ("append returned", lambda: [].append(1)),
    ("append dropped", append_dropped),
    ("MyList.append", lambda: MyList().append(1)),
    ("bound append", lambda: bound(1)),
    ("int", lambda: int("7")),
    ("str", lambda: str(7)),
    ("type", lambda: type(7)),
]
# Comparisons: PyObject_RichCompare counts a level unless 3.11 specialized
# the comparison (one-digit ints, floats, str equality, each before a jump).
class V:
    def __init__(self, x):
        self.x = x
    def __lt__(self, o):
        return self.x < o.x
class P:
    __slots__ = ("x",)
    def __init__(self, x):
        self.x = x
    def less(self, o):
        return self.x < o.x
def alone_int(x, y):
    return x < y
def alone_float(x, y):
    return x <= y
def alone_str(x, y):
    return x == y
def jump_cmp(x, y):
    if x < y:
        return 1
    return 0
def jump_order(x, y):
    if x > y:
        return 1
    return 0
def jump_eq(x, y):
    if x == y:
        return 1
    return 0
v1, v2, p1, p2 = V(1), V(2), P(1), P(2)
calls += [
    ("alone int", lambda: alone_int(1, 2)),
    ("alone float", lambda: alone_float(1.5, 2.5)),
    ("alone str", lambda: alone_str("a", "b")),
    ("jump int", lambda: jump_cmp(1, 2)),
    ("jump float", lambda: jump_cmp(1.5, 2.5)),
    ("jump str order", lambda: jump_order("a", "b")),
    ("jump str eq", lambda: jump_eq("a", "b")),
    ("__lt__", lambda: v1 < v2),
    ("leaf with a comparison", lambda: p1.less(p2)),
]
old = sys.getrecursionlimit()
sys.setrecursionlimit(120)
base = limit(lambda: None)
print([(name, limit(f) - base) for name, f in calls])
sys.setrecursionlimit(old)
