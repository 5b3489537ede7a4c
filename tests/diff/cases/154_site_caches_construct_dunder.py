# Call sites that remember the class they instantiate and binary operators that call a class's Python dunder directly (trained on one class at each site), where reality changes: __init__ replaced by another function, by one of the same code, by a non-function, and deleted; __new__ added; the class made abstract; __bases__ reassigned; a polymorphic site; a fresh class per call (new classes reusing freed memory); instances with a dict and with slots; __init__ returning a value or raising; a tracer switched on mid-loop; RecursionError through constructors and through __add__. Operators: NotImplemented from the dunder (TypeError with each operator's symbol), a list subclass whose __add__ gives up (concatenation follows), __add__ replaced, deleted or not a function, instances of a subclass, __class__ reassigned, a dunder raising (its traceback), and numbers at the same sites.
# pyaot-train: train
import sys
import traceback
import types


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)

    def __mul__(self, o):
        return self.x * o.x + self.y * o.y

    def __repr__(self):
        return "Vec(%r, %r)" % (self.x, self.y)


class Root:
    pass


class Rec(Root):
    def __init__(self, a, b=7):
        self.a = a
        self.b = b

    def __repr__(self):
        return "Rec(%r, %r)" % (self.a, self.b)


def make_vecs(n):
    return [Vec(i, i + 1) for i in range(n)]


def make_recs(n):
    out = []
    for i in range(n):
        out.append(Rec(i))
    return out


def make_any(cls, n):
    return [cls(i, -i) for i in range(n)]


def sums(items):
    acc = items[0]
    for v in items[1:]:
        acc = acc + v
    return acc


def diffs(items):
    return [a - b for a, b in zip(items, items[1:])]


def dots(items):
    return [a * b for a, b in zip(items, items[1:])]


def any_op(op, a, b):
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / b
    if op == "//":
        return a // b
    if op == "%":
        return a % b
    if op == "@":
        return a @ b
    if op == "<<":
        return a << b
    if op == ">>":
        return a >> b
    if op == "&":
        return a & b
    if op == "|":
        return a | b
    return a ^ b


def train():
    for _ in range(40):
        vs = make_vecs(20)
        sums(vs)
        diffs(vs)
        dots(vs)
        make_recs(20)
        make_any(Vec, 10)
        for op in ("+", "-", "*"):
            any_op(op, vs[1], vs[2])


def show(label, f, *args):
    try:
        print(label, repr(f(*args)))
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


class Giveup:
    def __init__(self, v):
        self.v = v

    def _no(self, o):
        return NotImplemented

    __add__ = __sub__ = __mul__ = __truediv__ = __floordiv__ = __mod__ = _no
    __matmul__ = __lshift__ = __rshift__ = __and__ = __or__ = __xor__ = _no


class LL(list):
    def __add__(self, o):
        return NotImplemented


class Boom:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        raise ValueError("boom %r %r" % (self.v, o.v))


class SubVec(Vec):
    __slots__ = ()

    def __add__(self, o):
        return "SubVec add"


class Other:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, o):
        return "Other add"

    def __repr__(self):
        return "Other(%r, %r)" % (self.x, self.y)


class Deep:
    def __init__(self, n):
        self.n = n

    def __add__(self, o):
        return Deep(self.n + 1) + o


class Nest:
    def __init__(self, n):
        self.child = Nest(n + 1) if n < 10 ** 6 else None


def tracer(frame, event, arg):
    if event == "call" and frame.f_code.co_name in ("__init__", "__add__"):
        print("trace", event, frame.f_code.co_name, frame.f_lineno)
    return None


def main():
    print("vecs", sums(make_vecs(30)), diffs(make_vecs(4)), dots(make_vecs(5)))
    print("recs", make_recs(3))

    # Numbers at the dunder sites.
    show("sum ints", sums, [1, 2, 3, 2 ** 70])
    show("sum strs", sums, ["a", "b", "c"])
    show("diff floats", diffs, [1.5, 0.25, -3.0])
    show("dot lists", dots, [[1], [2]])
    show("sum mixed", sums, [Vec(1, 2), 3])

    # NotImplemented from the dunder, every operator.
    for op in ("+", "-", "*", "/", "//", "%", "@", "<<", ">>", "&", "|", "^"):
        show("giveup " + op, any_op, op, Giveup(1), Giveup(2))
    show("list subclass", any_op, "+", LL([1]), LL([2]))
    show("list subclass mul", any_op, "*", LL([1]), 2)
    try:
        sums([Boom(1), Boom(2)])
    except ValueError:
        tb = traceback.format_exc().splitlines()
        print("boom tb", [line.strip() for line in tb if "line" in line or "Error" in line])
    show("subclass", sums, [SubVec(1, 2), SubVec(3, 4)])
    show("base and subclass", sums, [Vec(1, 2), SubVec(3, 4)])
    show("subclass and base", sums, [SubVec(1, 2), Vec(3, 4)])
    show("other", sums, [Other(1, 2), Other(3, 4)])

    # The class changes under the cached sites.
    orig_add = Vec.__add__
    Vec.__add__ = lambda self, o: "lambda add"
    show("add lambda", sums, make_vecs(3))
    Vec.__add__ = orig_add.__get__  # a bound method-wrapper: not a function
    show("add not function", sums, make_vecs(3))

    def add2(self, o):
        return Vec(self.x * 10 + o.x, self.y * 10 + o.y)
    Vec.__add__ = add2
    show("add replaced", sums, make_vecs(3))
    Vec.__add__ = orig_add
    show("add restored", sums, make_vecs(3))
    del Vec.__sub__
    show("sub deleted", diffs, make_vecs(3))
    Vec.__sub__ = lambda self, o: "sub back"
    show("sub back", diffs, make_vecs(3))
    v = Vec(5, 6)
    v.__class__ = Other
    show("class reassigned", sums, [v, Other(1, 1)])

    # Constructors: __init__ replaced, deleted, __new__ added.
    orig_init = Rec.__init__
    Rec.__init__ = lambda self, a, b=7: setattr(self, "a", ("lambda", a))
    show("init lambda", make_recs, 2)
    Rec.__init__ = types.FunctionType(orig_init.__code__, globals(), "copy", (-7,))
    show("init same code", make_recs, 2)
    Rec.__init__ = print
    show("init builtin", make_recs, 2)
    del Rec.__init__
    show("init deleted", make_recs, 2)
    Rec.__init__ = orig_init
    show("init restored", make_recs, 2)
    Rec.__init__ = lambda self, a: 42
    show("init returns", make_recs, 2)
    Rec.__init__ = lambda self, a: 1 / 0
    show("init raises", make_recs, 2)
    Rec.__init__ = orig_init
    Rec.__abstractmethods__ = frozenset({"m"})
    show("abstract", make_recs, 2)
    Rec.__abstractmethods__ = frozenset()
    show("not abstract", make_recs, 2)

    class Base:
        def __init__(self, a):
            self.base = a
    Rec.__bases__ = (Base,)
    del Rec.__init__
    show("bases", lambda: [r.__dict__ for r in make_recs(2)])
    Rec.__init__ = orig_init

    # One site, many classes; a fresh class each call.
    show("poly", lambda: [repr(o) for o in make_any(Vec, 2) + make_any(Other, 2) + make_any(Vec, 2)])
    for k in range(30):
        class Fresh:
            def __init__(self, a, b, k=k):
                self.s = a + b + k
        got = make_any(Fresh, 3)
        del Fresh
        if k % 10 == 0:
            print("fresh", k, [o.s for o in got])

    # A tracer switched on in the middle of the loops.
    def traced():
        vs = make_vecs(3)
        sys.settrace(tracer)
        try:
            return sums(vs), make_recs(1)
        finally:
            sys.settrace(None)
    show("traced", traced)

    # RecursionError through constructors and through __add__.
    show("nest", lambda: Nest(0) and "done")
    show("deep", lambda: Deep(0) + Deep(0))
    print("after", sums(make_vecs(4)), make_recs(1))

    # Last: once __new__ was set, deleting it leaves Rec's constructor
    # broken in CPython too.
    Rec.__new__ = lambda cls, *a: ("new", a)
    show("new added", make_recs, 2)
    del Rec.__new__
    show("new deleted", make_recs, 2)
    Rec.__new__ = object.__new__
    show("new object's", make_recs, 2)


if __name__ == "__main__":
    if sys.argv[1:] == ["train"]:
        train()
    else:
        main()
