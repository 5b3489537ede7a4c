# Methods and functions that return a new instance of a class with a simple __init__ made from numbers they compute (`return V(self.x * k, ...)`), computed inline (trained on floats), where reality differs: ints, bigints past 64 bits and strs; the class name rebound to another class, to a function, and deleted (NameError); __init__ replaced, its code replaced, a property over a slot; a subclass with a dict; an argument passed through unchanged (identity); garbage collections started by the allocation, seen by gc.callbacks and a __del__ looking at the stack; RecursionError at the limit; a tracer switched on mid-loop; tracemalloc.
# pyaot-train: train
import gc
import sys
import tracemalloc


class V:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def scale(self, k):
        return V(self.x * k, self.y * k, self.z * k)

    def plus(self, o):
        return V(self.x + o.x, self.y + o.y, self.z + o.z)

    def keep_y(self, k):
        return V(self.x * k, self.y, self.z * k)

    def __repr__(self):
        return "V(%r, %r, %r)" % (self.x, self.y, self.z)


class Pair:
    __slots__ = ("a", "b", "tag")

    def __init__(self, a, b):
        self.a = a
        self.b = b
        self.tag = 0

    def swapped(self):
        return Pair(self.b + 0.0, self.a + 0.0)

    def __repr__(self):
        return "Pair(%r, %r, %r)" % (self.a, self.b, self.tag)


def midpoint(p, q):
    return V((p.x + q.x) * 0.5, (p.y + q.y) * 0.5, (p.z + q.z) * 0.5)


def loop_scale(vs, k):
    return [v.scale(k) for v in vs]


def loop_plus(vs, w):
    out = []
    for v in vs:
        out.append(v.plus(w))
    return out


def loop_mid(vs, w):
    return [midpoint(v, w) for v in vs]


def loop_swapped(ps):
    return [p.swapped() for p in ps]


def loop_keep(vs, k):
    return [v.keep_y(k) for v in vs]


def deep_scale(n, v):
    if n == 0:
        return v.scale(2.0)
    return deep_scale(n - 1, v)


def train():
    vs = [V(i * 0.5, 1.0 - i, 0.25 * i) for i in range(20)]
    ps = [Pair(i * 1.5, 2.0) for i in range(20)]
    w = V(1.5, -0.5, 2.0)
    for _ in range(30):
        loop_scale(vs, 3.0)
        loop_plus(vs, w)
        loop_mid(vs, w)
        loop_swapped(ps)
        loop_keep(vs, 2.0)
        deep_scale(3, vs[1])


def show(label, f, *args):
    try:
        print(label, f(*args))
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


def traceback_of(f, *args):
    try:
        f(*args)
    except Exception as e:
        tb = e.__traceback__
        names = []
        while tb is not None:
            names.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
            tb = tb.tb_next
        print("traceback", type(e).__name__, e, names)


class Other:
    __slots__ = ("p", "q", "r")

    def __init__(self, p, q, r):
        self.p = r
        self.q = q
        self.r = p

    def __repr__(self):
        return "Other(%r, %r, %r)" % (self.p, self.q, self.r)


def main():
    global V
    train()
    vs = [V(i * 0.5, 1.0 - i, 0.25 * i) for i in range(6)]
    w = V(1.5, -0.5, 2.0)
    print("scale", loop_scale(vs, 3.0))
    print("plus", loop_plus(vs, w))
    print("mid", loop_mid(vs, w))
    print("swapped", loop_swapped([Pair(1.5, 2.5), Pair(-1.0, 0.0)]))

    # Other numbers.
    show("scale ints", loop_scale, [V(1, 2, 3)], 4)
    show("scale big", loop_scale, [V(2 ** 40, 1, 1)], 2 ** 30)
    show("scale strs", loop_scale, [V("a", "b", "c")], 2)
    show("plus mixed", loop_plus, [V(1, 2.5, True)], V(0.5, 1, 2))
    show("scale nan", loop_scale, [V(float("nan"), float("inf"), -0.0)], 0.0)

    # Identity: an argument passed through is the same object.
    k = 2.0
    y = 12345.5
    kept = loop_keep([V(1.0, y, 3.0)], k)[0]
    print("identity", kept.y is y, kept)

    # The name rebound: another simple class, a function, deleted.
    saved = V
    V = Other
    show("rebound class", loop_scale, vs[:2], 2.0)
    V = lambda x, y, z: ("made", x, y, z)  # noqa: E731
    show("rebound function", loop_scale, vs[:2], 2.0)
    del V
    traceback_of(loop_scale, vs[:2], 2.0)
    V = saved
    show("back", loop_scale, vs[:2], 2.0)

    # The class changed.
    init = V.__init__
    V.__init__ = lambda self, x, y, z: (setattr(self, "x", -x), setattr(self, "y", y),
                                         setattr(self, "z", z), None)[-1]
    show("new __init__", loop_scale, vs[:2], 2.0)
    V.__init__ = init
    code = init.__code__

    def other_init(self, x, y, z):
        self.x = z
        self.y = y
        self.z = x

    init.__code__ = other_init.__code__
    show("new __init__ code", loop_scale, vs[:2], 2.0)
    init.__code__ = code
    show("old __init__ code", loop_scale, vs[:2], 2.0)
    xs = V.x
    V.x = property(lambda self: 99.0, lambda self, v: None)
    show("property", loop_scale, [V.__new__(V)], 2.0)
    V.x = xs
    show("slot back", loop_scale, vs[:2], 2.0)

    # Pair with a dict subclass: the call site meets another class.
    class PairD(Pair):
        pass

    show("dict subclass", loop_swapped, [PairD(1.0, 2.0), Pair(3.0, 4.0)])

    # Collections started by the allocation: what they see.
    seen = []

    def callback(phase, info):
        if phase == "start":
            f = sys._getframe(1)
            names = []
            while f is not None and len(names) < 3:
                names.append(f.f_code.co_name)
                f = f.f_back
            seen.append(tuple(names))

    class Cycle:
        def __init__(self):
            self.me = self

        def __del__(self):
            seen.append(("del", sys._getframe(1).f_code.co_name))

    gc.collect()
    old = gc.get_threshold()
    gc.set_threshold(25, 10, 10)
    gc.callbacks.append(callback)
    try:
        for _ in range(3):
            Cycle()
            loop_scale(vs * 20, 1.5)
    finally:
        gc.callbacks.remove(callback)
        gc.set_threshold(*old)
    print("collections", len(seen), sorted(set(seen)))

    # RecursionError at the call: the leaf's frame, type.__call__ and
    # __init__'s frame each count a level.
    limit = sys.getrecursionlimit()
    for extra in range(6):
        sys.setrecursionlimit(38 + extra)
        try:
            print("limit", extra, deep_scale(33, vs[1]))
        except RecursionError as e:
            print("limit", extra, "RecursionError", e)
    sys.setrecursionlimit(limit)

    # A tracer switched on in the middle of a loop.
    events = []

    def tracer(frame, event, arg):
        if frame.f_code.co_name in ("scale", "loop_traced"):
            events.append((frame.f_code.co_name, event, frame.f_lineno))
        return tracer

    def loop_traced(n):
        out = []
        for i in range(n):
            if i == 2:
                sys.settrace(tracer)
            out.append(vs[i].scale(2.0))
        sys.settrace(None)
        return out

    print("traced", loop_traced(4))
    print("events", events)

    # tracemalloc sees where the instances are made.
    tracemalloc.start()
    made = loop_scale(vs, 2.0)
    snap = tracemalloc.take_snapshot()
    tracemalloc.stop()
    lines = sorted({s.traceback[0].lineno for s in snap.statistics("traceback")
                    if s.traceback[0].filename == __file__})
    print("tracemalloc", len(made), lines)


main()
