# Instance attributes read in place by the unboxed tier (trained on slots and inline values feeding float arithmetic), where reality differs: ints, bigints, strs and None in the attributes; an unset slot and a deleted attribute (AttributeError from the interpreter); a property, a class attribute and __getattribute__ added to the class later; an instance whose __dict__ was materialized; __class__ reassigned; more classes at one site than the cache has ways; owners read out of lists and through chains (a.b.c); a local replaced by its own attribute while walking a chain (release order seen by __del__); a tracer switched on in the middle of a loop.
# pyaot-train: train
import sys


class P:
    __slots__ = ("x", "y", "nxt")

    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.nxt = None


class D:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def dot(a, b):
    return a.x * b.x + a.y * b.y


def norm2(a):
    return a.x * a.x + a.y * a.y


def pairs(ps):
    t = 0.0
    for i in range(len(ps) - 1):
        t += ps[i].x * ps[i + 1].y - ps[i + 1].x * ps[i].y
    return t


def chain(a):
    return a.nxt.x + a.nxt.nxt.y


def walk(n):
    t = 0.0
    while n is not None:
        t += n.x
        n = n.nxt
    return t


def train():
    ps = [P(i * 0.5, i * 0.25) for i in range(20)]
    ds = [D(i * 0.5, 1.5) for i in range(20)]
    for i in range(19):
        ps[i].nxt = ps[i + 1]
    for _ in range(40):
        for p, d in zip(ps, ds):
            dot(p, p)
            dot(d, d)
            norm2(p)
            norm2(d)
        pairs(ps)
        pairs(ds)
        chain(ps[0])
        walk(ps[0])


def show(label, f, *args):
    try:
        print(label, repr(f(*args)))
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


class Loud:
    __slots__ = ("x", "nxt", "name")

    def __init__(self, name, x):
        self.name = name
        self.x = x
        self.nxt = None

    def __del__(self):
        print("del", self.name)


def tracer(frame, event, arg):
    if event == "line" and frame.f_code.co_name == "pairs":
        print("line", frame.f_lineno)
    return tracer


def main():
    train()
    print("dot", dot(P(1.5, 2.0), P(0.5, 4.0)), dot(D(1.5, 2.0), D(0.5, 4.0)))
    show("ints", dot, P(3, 4), P(5, 6))
    show("bigints", dot, P(2 ** 70, 1), D(3, 2 ** 65))
    show("strs", norm2, P("a", "b"))
    show("str times int", dot, P("ab", 1.0), D(3, 2.0))
    show("none", norm2, D(None, 1.0))
    show("mixed", pairs, [P(1, 2.0), D(3.5, 4), P(5, 6)])
    p = P(1.0, 2.0)
    del p.y
    show("unset slot", norm2, p)
    d = D(1.0, 2.0)
    del d.x
    show("deleted attr", norm2, d)
    d = D(1.0, 2.0)
    d.__dict__["extra"] = 1
    show("dict materialized", norm2, d)
    d = D(1.5, 2.5)
    d.__class__ = type("E", (D,), {})
    show("class reassigned", norm2, d)

    # Classes changed after the caches learnt them.
    d = D(1.0, 2.0)
    D.y = property(lambda self: 100.0)
    show("property", norm2, d)
    del D.y
    show("property gone", norm2, D(1.0, 3.0))
    D.z = 5.0
    show("class attr", norm2, D(1.0, 4.0))
    D.__getattribute__ = lambda self, name: 7.0
    show("getattribute", norm2, D(1.0, 5.0))
    del D.__getattribute__
    show("getattribute gone", norm2, D(1.0, 6.0))

    # Many classes at one site: more than the cache's ways.
    kinds = [type("K%d" % k, (), {"__init__": D.__init__}) for k in range(6)]
    show("many classes", lambda: [norm2(k(1.0 + n, 2.0)) for n, k in enumerate(kinds * 5)][-6:])
    show("after many", norm2, D(3.0, 4.0))

    # Chains and owners out of lists.
    ps = [P(i * 1.5, i - 0.5) for i in range(5)]
    for i in range(4):
        ps[i].nxt = ps[i + 1]
    show("pairs", pairs, ps)
    show("chain", chain, ps[0])
    show("chain short", chain, ps[3])
    show("walk", walk, ps[0])

    # Walking a chain only the walker holds: each node is released when the
    # local moves on, after its attribute was read.
    def loud_chain(tag):
        head = Loud(tag + "a", 1.0)
        head.nxt = Loud(tag + "b", 2.0)
        head.nxt.nxt = Loud(tag + "c", 4.0)
        return head
    h = loud_chain("held-")
    print("walk held", walk(h))
    h = None
    print("walk owned", walk(loud_chain("owned-")))
    print("released")

    # A tracer switched on mid-loop.
    def traced():
        sys.settrace(tracer)
        try:
            return pairs([P(1.0, 2.0), P(3.0, 4.0)])
        finally:
            sys.settrace(None)
    show("traced", traced)
    print("again", pairs(ps), norm2(P(0.5, 0.25)))


if __name__ == "__main__":
    if sys.argv[1:] == ["train"]:
        train()
    else:
        main()
