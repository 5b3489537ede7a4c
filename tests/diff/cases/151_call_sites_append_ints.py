# Call sites that remember their compiled callee (one site calling different functions in turn, a function whose __code__ or __defaults__ is replaced between calls, bound methods, the same code called with and without self, missing and extra arguments, a tracer switched on before a remembered call, deep recursion through a remembered site); list.append with and without spare room, on a list subclass, and the reference counts it leaves; ints stored in place into a local (around the small-int cache, across sign and digit boundaries, while another name or locals() holds the old int).
# pyaot-train: train
import sys


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul3(a, b, c=3):
    return a * b * c


def twice(f, x, y):
    return f(x, y)


def many(fs, x, y):
    out = []
    for f in fs:
        out.append(f(x, y))
    return out


class G:
    def g(self, b=1):
        return ("g", type(self).__name__, b)


class Plain:
    pass


def via_site(objs):
    return [o.g(5) for o in objs]


def countdown(n):
    return 0 if n == 0 else 1 + countdown(n - 1)


class Acc:
    def __init__(self, start):
        self.v = start

    def bump(self, k):
        self.v += k
        return self.v


def calls(train):
    print("switching", many([add, sub, add, sub, mul3], 7, 5))
    print("twice", [twice(f, 3, 4) for f in (add, sub, add, mul3)])
    add2 = lambda a, b: a + b  # noqa: E731
    print("lambda", twice(add2, 1, 2), twice(add, 1, 2))
    if not train:
        saved = add.__code__
        add.__code__ = sub.__code__
        print("code replaced", twice(add, 10, 4))
        add.__code__ = saved
        print("code restored", twice(add, 10, 4))
        mul3.__defaults__ = (10,)
        print("defaults", many([mul3], 2, 3))
        mul3.__defaults__ = (3,)
        try:
            twice(lambda a: a, 1, 2)
        except TypeError as e:
            print("TypeError", e)
    a = Acc(0)
    for k in range(5):
        a.bump(k)
    print("method", a.v, Acc(10).bump(5))
    print("recursion", countdown(400), countdown(5))
    p = Plain()
    p.g = G.g  # the same code, called without the method's self
    print("same code, other count", via_site([G(), G(), p, G(), p]))
    events = []

    def tracer(frame, event, arg):
        if frame.f_code.co_name in ("add", "sub"):
            events.append((frame.f_code.co_name, event))
        return tracer

    out = []
    for i in range(4):
        if i == 2 and not train:
            sys.settrace(tracer)
        out.append(twice(add if i % 2 else sub, i, 1))
    sys.settrace(None)
    print("traced", out, events)


class MyList(list):
    def append(self, x):
        super().append(("wrapped", x))


def appends(train):
    marker = object()
    base = sys.getrefcount(marker)
    out = []
    for i in range(50):
        out.append(marker)
    print("refs", sys.getrefcount(marker) - base, len(out))
    del out
    print("refs after", sys.getrefcount(marker) - base)
    ml = MyList()
    for i in range(3):
        ml.append(i)
    print("subclass", ml)
    pre = [0] * 4
    pre.append(4)
    pre.append(5)
    print("grown", pre)
    print("result", [].append(1))


def ints(train):
    x = 250
    seen = []
    for _ in range(10):
        x += 1
        seen.append(x is int("251") or x is int("256"))
    print("up", x, seen)
    for _ in range(10):
        x -= 1
    print("down", x, x is int("250"))
    y = -1000
    for _ in range(3):
        y -= 1
    print("negative", y)
    z = 300
    z -= 600
    print("sign", z)
    z = 2 ** 30 - 2
    for _ in range(3):
        z += 1
    print("digits", z, z.bit_length())
    w = 5000
    keep = w
    w += 1
    print("shared", w, keep)
    v = 7000
    snap = locals()
    v += 1
    print("locals", v, snap["v"])
    total = 0
    for i in range(300, 320):
        total += i
    print("total", total)


train = len(sys.argv) > 1 and sys.argv[1] == "train"
calls(train)
appends(train)
ints(train)
