# Constructors whose __init__ only stores arguments or constants into slots (made by the call site without a frame), where reality changes: __init__'s code replaced, __init__ replaced, a slot shadowed by a property, __setattr__ added, two classes with opposite slot orders sharing one __init__, a subclass with a dict, a store repeated (the first value's __del__), one argument stored twice, reference counts of stored arguments and constants, RecursionError at the limit, a tracer switched on mid-loop, and calls with the wrong number of arguments.
# pyaot-train: train
import sys


class P:
    __slots__ = ("a", "b", "k")

    def __init__(self, a, b):
        self.a = a
        self.b = b
        self.k = ("k", 1)

    def __repr__(self):
        return "P(%r, %r, %r)" % (self.a, self.b, getattr(self, "k", "-"))


def shared_init(self, x, y):
    self.x = x
    self.y = y


class XY:
    __slots__ = ("x", "y")
    __init__ = shared_init


class YX:
    __slots__ = ("y", "x", "__weakref__")
    __init__ = shared_init


class WithDict(XY):
    pass


class Twice:
    __slots__ = ("v",)

    def __init__(self, first, second):
        self.v = first
        self.v = second


class Dup:
    __slots__ = ("p", "q")

    def __init__(self, v):
        self.p = v
        self.q = v


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class Local:
    __slots__ = ("a",)

    def __init__(self, a):
        t = a
        self.a = t


def make_p(n):
    return [P(i, -i) for i in range(n)]


def make_pair(cls, n):
    out = []
    for i in range(n):
        out.append(cls(i, i * 10))
    return out


def make_twice(a, b):
    return Twice(a, b)


def make_dup(v, n):
    return [Dup(v) for _ in range(n)]


def make_local(n):
    return [Local(i) for i in range(n)]


def train():
    for _ in range(40):
        make_p(20)
        make_pair(XY, 10)
        make_twice(1, 2)
        make_local(5)
        make_dup(1.5, 3)


def show(label, f, *args):
    try:
        print(label, repr(f(*args)))
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


def pairs(objs):
    return [(type(o).__name__, o.x, o.y) for o in objs]


depth = 0


def down(n):
    global depth
    depth = n
    P(n, n)
    return down(n + 1)


def tracer(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "__init__":
        print("trace", event, frame.f_code.co_name, frame.f_lineno)
    return None


def main():
    print("p", make_p(3))
    print("pairs", pairs(make_pair(XY, 3)), make_local(2)[1].a)

    # One site, two layouts of the same __init__; a subclass with a dict.
    print("poly", pairs(make_pair(XY, 2) + make_pair(YX, 2) + make_pair(XY, 2)))
    w = make_pair(WithDict, 2)
    print("dict", pairs(w), w[1].__dict__)

    # Reference counts of stored arguments and constants.
    o = object()
    before = sys.getrefcount(o)
    keep = [P(o, o) for _ in range(50)]
    print("refs", sys.getrefcount(o) - before)
    k = keep[0].k
    before = sys.getrefcount(k)
    keep += make_p(10)
    print("const refs", sys.getrefcount(k) - before, keep[-1].k is k)
    del keep
    v = object()
    before = sys.getrefcount(v)
    dups = make_dup(v, 20)
    print("dup refs", sys.getrefcount(v) - before, dups[3].p is v, dups[3].q is v)
    del dups
    print("dup refs after", sys.getrefcount(v) - before)

    # A repeated store drops the first value at once.
    t = make_twice(Noisy("first"), Noisy("second"))
    print("twice", t.v.name)
    del t

    # __init__'s code replaced, then __init__ itself.
    def other(self, a, b):
        self.a = b
        self.b = a
    saved = P.__init__.__code__
    P.__init__.__code__ = other.__code__
    show("code replaced", make_p, 3)
    P.__init__.__code__ = saved
    show("code restored", make_p, 2)
    orig = P.__init__
    P.__init__ = other
    show("init replaced", make_p, 3)
    P.__init__ = orig

    # A slot shadowed by a property; __setattr__ added and removed.
    slot_a = P.a
    P.a = property(lambda self: "prop", lambda self, v: print("set a", v))
    show("property", lambda: [(p.a, p.b) for p in make_p(2)])
    P.a = slot_a
    show("slot back", make_p, 2)

    def setattr_(self, name, value):
        print("setattr", name, value)
        object.__setattr__(self, name, value)
    P.__setattr__ = setattr_
    show("setattr", make_p, 2)
    del P.__setattr__
    show("no setattr", make_p, 2)

    # Wrong argument counts, and slots deleted afterwards.
    show("too few", lambda: P(1))
    show("too many", lambda: make_pair(lambda a, b: P(a, b, 3), 1))
    p = P(1, 2)
    del p.a
    show("deleted slot", lambda: p.a)

    # RecursionError when the limit falls at the constructor.
    for extra in range(4):
        def at_limit():
            return down(0)
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(100 + extra)
        try:
            at_limit()
        except RecursionError as e:
            print("recursion", extra, depth, e)
        finally:
            sys.setrecursionlimit(limit)

    # A tracer switched on in the middle.
    def traced():
        got = make_p(2)
        sys.settrace(tracer)
        try:
            return got + make_p(1)
        finally:
            sys.settrace(None)
    show("traced", traced)
    print("after", make_p(2), pairs(make_pair(YX, 1)))


if __name__ == "__main__":
    if sys.argv[1:] == ["train"]:
        train()
    else:
        main()
