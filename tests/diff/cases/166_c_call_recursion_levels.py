# The level of recursion each kind of C call counts, probed at the recursion limit (the deepest frame that can still make the call): fast-call builtins and methods (none, as 3.11's specialized forms), METH_O and METH_NOARGS ones (one), a method of a subclass instance or a builtin whose flags carry METH_CLASS (one: the generic path), keyword calls of fast-call functions, min/max and abs, list.append whose result is dropped or returned, and a bound builtin method.
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
old = sys.getrecursionlimit()
sys.setrecursionlimit(120)
base = limit(lambda: None)
print([(name, limit(f) - base) for name, f in calls])
sys.setrecursionlimit(old)
