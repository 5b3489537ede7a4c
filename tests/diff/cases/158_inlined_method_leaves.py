# Methods and functions that read attributes of their arguments, computed inline (trained on floats in slots and inline values), where reality differs: ints, bools, bigints, strs and float subclasses in the attributes; an unset slot and a missing attribute (their tracebacks); a property and __getattribute__ put on the class later; a materialized and a replaced __dict__; __class__ reassigned; the method replaced, its __code__ replaced, shadowed by an instance attribute, overridden in a subclass; a receiver holding its last reference, with __del__; keyword calls; two classes defining one method name; a tracer switched on mid-loop; RecursionError at the limit; identity of a returned attribute.
# pyaot-train: train
import sys
import types


class V:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def norm2(self):
        return self.x * self.x + self.y * self.y + self.z * self.z

    def scaled_sum(self, k):
        s = self.x + self.y
        return s * k + self.z

    def first(self):
        return self.x


class P:
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def area(self):
        return self.a * self.b

    def mix(self, other, k):
        return (self.a - other.a) * k + self.b / other.b


class Q:
    def __init__(self, a):
        self.a = a


Q.area = lambda self: self.a * 2.0  # not a def of a class body


class R1:
    """R1 and R2 both define `perimeter`: its calls are never inlined, still exact."""

    def __init__(self, a):
        self.a = a

    def perimeter(self):
        return self.a * 4.0


class R2(R1):
    def perimeter(self):
        return self.a * 3.0


def dist2(p, q):
    dx = p.x - q.x
    dy = p.y - q.y
    return dx * dx + dy * dy + (p.z - q.z) ** 2


def loop_dot(vs, w):
    t = 0.0
    for v in vs:
        t += v.dot(w)
    return t


def loop_norm(vs):
    return [v.norm2() for v in vs]


def loop_scaled(vs, k):
    t = 0.0
    for v in vs:
        t += v.scaled_sum(k)
    return t


def loop_area(ps):
    t = 0.0
    for p in ps:
        t += p.area()
    return t


def loop_mix(ps, q):
    return [p.mix(q, 0.5) for p in ps]


def loop_dist(vs, w):
    t = 0.0
    for v in vs:
        t += dist2(v, w)
    return t


def firsts(vs):
    return [v.first() for v in vs]


def loop_perimeter(rs):
    return [r.perimeter() for r in rs]


def loop_surface(ls):
    t = 0.0
    for x in ls:
        t += x.surface()
    return t


def train():
    vs = [V(i * 0.5, 1.0 - i, 0.25 * i) for i in range(20)]
    ps = [P(i + 0.5, 2.0 * i + 1.0) for i in range(20)]
    w = V(1.5, -0.5, 2.0)
    louds = [Loud(i + 0.5, 1.5, None) for i in range(20)]
    for _ in range(30):
        loop_dot(vs, w)
        loop_norm(vs)
        loop_scaled(vs, 3.0)
        loop_area(ps)
        loop_mix(ps, P(1.0, 4.0))
        loop_dist(vs, w)
        firsts(vs)
        loop_perimeter([R1(1.5), R2(2.5)])
        loop_surface(louds)


class F(float):
    def __mul__(self, other):
        return F(float(self) * float(other) + 1.0)

    def __repr__(self):
        return "F(%r)" % float(self)


def show(label, f, *args):
    try:
        print(label, repr(f(*args)))
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


class Loud:
    __slots__ = ("a", "b", "tag")

    def __init__(self, a, b, tag):
        self.a = a
        self.b = b
        self.tag = tag

    def surface(self):
        return self.a * self.b

    def __del__(self):
        if self.tag is not None:
            print("del", self.tag)


def main():
    train()
    vs = [V(i * 0.5, 1.0 - i, 0.25 * i) for i in range(8)]
    w = V(1.5, -0.5, 2.0)
    ps = [P(i + 0.5, 2.0 * i + 1.0) for i in range(8)]
    print("dot", loop_dot(vs, w))
    print("norm", loop_norm(vs))
    print("scaled", loop_scaled(vs, 3.0))
    print("area", loop_area(ps))
    print("mix", loop_mix(ps, P(1.0, 4.0)))
    print("dist", loop_dist(vs, w))

    # Other types in the attributes.
    show("dot ints", loop_dot, [V(1, 2, 3), V(4, 5, 6)], V(7, 8, 9))
    show("dot mixed", loop_dot, [V(1, 2.5, 3)], V(0.5, 2, 4))
    show("dot bools", loop_dot, [V(True, False, True)], V(True, True, False))
    show("dot big", loop_dot, [V(2 ** 62, 1, 1), V(2 ** 80, 0, 0)], V(3, 1, 1))
    show("dot strs", loop_dot, [V(1.0, 2.0, 3.0), V("ab", 2.0, 3.0)], V(2, 1.0, 1.0))
    show("dot subclass", loop_dot, [V(F(1.5), 2.0, 3.0)], V(2.0, 1.0, 1.0))
    show("norm overflow", loop_norm, [V(1e200, 1.0, 1.0)])
    show("norm nan", loop_norm, [V(float("nan"), float("inf"), 0.0)])
    show("scaled ints", loop_scaled, [V(1, 2, 3)], 2)
    show("area ints", loop_area, [P(3, 4), P(2 ** 40, 2 ** 30)])
    show("mix zero", loop_mix, [P(1.0, 2.0)], P(1.0, 0.0))
    show("dist ints", loop_dist, [V(1, 2, 3)], V(0, 0, 0))
    show("dist number", loop_dist, [V(1.0, 2.0, 3.0)], 2.5)
    show("dist namespace", loop_dist, [V(1.0, 2.0, 3.0)], types.SimpleNamespace(x=0.5, y=1.0, z=2.0))
    show("dist module", loop_dist, [V(1.0, 2.0, 3.0)], types.ModuleType("m"))

    # An unset slot, a missing attribute: raised inside the real call.
    hole = V.__new__(V)
    hole.x = 1.0
    hole.y = 2.0
    traceback_of(loop_dot, [vs[0], hole], w)
    traceback_of(loop_norm, [hole])
    bare = P.__new__(P)
    bare.a = 2.0
    traceback_of(loop_area, [ps[0], bare])
    traceback_of(loop_mix, [ps[0]], bare)

    # Identity: an attribute returned as it is stays itself.
    big = 2 ** 70 + 3
    print("first", [a is b for a, b in zip(firsts([V(big, 0, 0), V(1.5, 0, 0)]), (big, 1.5))])

    # Instances with materialized or replaced dicts, __class__ reassigned.
    p = P(3.0, 5.0)
    p.__dict__
    print("materialized", loop_area([p, ps[1]]))
    p.__dict__ = {"a": 7.0, "b": 0.5}
    print("replaced", loop_area([ps[1], p]))
    r = P(2.0, 2.0)
    r.__class__ = Q
    show("class reassigned", loop_area, [ps[1], r])
    show("other class", loop_area, [Q(4.0), ps[2]])
    print("perimeter", loop_perimeter([R1(1.0), R2(1.0), R1(0.5)]))

    # The class changed: a property over an attribute, __getattribute__.
    class W(P):
        pass

    ws = [W(1.0, 2.0), W(3.0, 4.0)]
    print("subclass", loop_area(ws))
    W.b = property(lambda self: 100.0)
    print("property", loop_area(ws))
    del W.b
    print("property gone", loop_area(ws))
    W.__getattribute__ = lambda self, name: 9.0 if name == "a" else object.__getattribute__(self, name)
    print("getattribute", loop_area(ws))
    del W.__getattribute__
    print("getattribute gone", loop_area(ws))

    # The method replaced, its code replaced, shadowed, overridden.
    saved = P.area
    P.area = lambda self: -1.0
    print("replaced method", loop_area(ps[:2]))
    P.area = saved
    print("back", loop_area(ps[:2]))
    code = P.area.__code__
    P.area.__code__ = (lambda self: self.a + self.b).__code__
    print("new code", loop_area(ps[:2]))
    P.area.__code__ = code
    print("old code", loop_area(ps[:2]))
    s = P(1.0, 1.0)
    s.area = lambda: 42.0
    print("shadowed", loop_area([ps[0], s]))

    Sub = type("Sub", (V,), {"__slots__": (), "dot": lambda self, o: -1.0})

    print("override", loop_dot([Sub(1.0, 2.0, 3.0), vs[1]], w))

    # Keywords; wrong counts.
    show("keyword", lambda: [p.mix(other=ps[0], k=2.0) for p in ps[:2]])
    show("too many", lambda: ps[0].area(1))
    show("too few", lambda: ps[0].mix(ps[1]))

    # The receiver's last reference: its __del__ runs where CPython's does.
    def temp_areas(n):
        out = []
        for i in range(n):
            out.append(Loud(i + 0.5, 2.0, i).surface())
            print("after", i)
        return out

    print("temps", temp_areas(3))
    keep = [Loud(1.5, 2.0, "kept")]

    def kept_areas(xs):
        return [x.surface() for x in xs]

    print("kept", kept_areas(keep * 3))
    del keep

    # A tracer switched on in the middle of a loop of inlined calls.
    events = []

    def tracer(frame, event, arg):
        if frame.f_code.co_name in ("dot", "loop_traced"):
            events.append((frame.f_code.co_name, event, frame.f_lineno))
        return tracer

    def loop_traced(n):
        t = 0.0
        for i in range(n):
            if i == 2:
                sys.settrace(tracer)
            t += vs[i].dot(w)
        sys.settrace(None)
        return t

    print("traced", loop_traced(4))
    print("events", events)

    # RecursionError at the call: only the real call raises it.
    def deep(n):
        if n == 0:
            return vs[1].dot(w)
        return deep(n - 1)

    limit = sys.getrecursionlimit()
    depth = 0
    while depth < limit:
        try:
            deep(depth)
        except RecursionError:
            break
        depth += 1
    print("recursion limit reached", depth > 10)
    for extra in range(4):
        sys.setrecursionlimit(40 + extra)
        try:
            print("limit", extra, deep(35))
        except RecursionError as e:
            print("limit", extra, "RecursionError", e)
    sys.setrecursionlimit(limit)


if __name__ == "__main__":
    main()
