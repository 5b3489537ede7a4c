# Instance attributes stored in place by the unboxed tier (trained on __init__ and updates into slots and inline values), where reality differs: the order of a __dict__ after first stores, deletes and stores again; a property setter, a __setattr__ and a class attribute added to the class later; an instance whose __dict__ was materialized; a slot left unset and then stored; more classes at one site than the cache has ways; numbers computed in registers stored (and boxed at the store's line under tracemalloc); the replaced value's __del__ reading the attribute and switching a tracer on.
# pyaot-train: train
import sys
import tracemalloc


class S:
    __slots__ = ("a", "b", "c")

    def __init__(self, a, b):
        self.a = a
        self.b = b


class V:
    def __init__(self, a, b):
        self.a = a
        self.b = b


def update(o, x):
    o.a = x * 2.0
    o.b = o.a + 1.0


def set_c(o, v):
    o.c = v


def redo(o):
    del o.a
    o.a = "again"


def train():
    for _ in range(50):
        for k in range(20):
            s = S(k, 1.5)
            v = V(k, 2.5)
            update(s, k * 0.5)
            update(v, k * 0.25)
            set_c(s, k)
            set_c(v, k)


def show(label, f, *args):
    try:
        print(label, repr(f(*args)))
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


class Loud:
    def __init__(self, name, owner=None):
        self.name = name
        self.owner = owner

    def __del__(self):
        print("del", self.name, "sees", self.owner.a if self.owner is not None else None)
        if self.name == "tracer-on":
            sys.settrace(tracer)


def tracer(frame, event, arg):
    if event == "line" and frame.f_code.co_name in ("update", "set_c"):
        print("line", frame.f_code.co_name, frame.f_lineno)
    return tracer


def main():
    train()
    s = S(1, 2)
    v = V(1, 2)
    update(s, 3.0)
    update(v, 4.0)
    print("slots", s.a, s.b)
    print("values", vars(v))
    set_c(v, 5)
    w = V(0, 0)
    set_c(w, 1)
    print("order", vars(v), vars(w))
    redo(v)
    print("redo", vars(v), list(vars(v)))
    u = V(9, 8)
    u.__dict__["z"] = 1
    update(u, 1.5)
    print("dict materialized", vars(u))
    t = S(0, 0)
    show("unset slot read", lambda: t.c)
    set_c(t, "c now")
    print("slot stored", t.c)
    show("int store", update, S(0, 0), 3)
    show("big", lambda: (update(V(0, 0), 2 ** 70) or "no"))

    # The class changes under the cached sites.
    V.b = property(lambda self: "prop b", lambda self, val: print("setter", val))
    show("property setter", update, V.__new__(V), 1.0)
    del V.b
    V.__setattr__ = lambda self, name, val: print("setattr", name, val)
    show("setattr", update, V.__new__(V), 2.0)
    del V.__setattr__
    V.c = "class c"
    x = V(1, 2)
    set_c(x, 7)
    print("class attr", x.c, V.c)
    kinds = [type("K%d" % k, (), {"__init__": V.__init__}) for k in range(6)]
    objs = [k(1, 2) for k in kinds] * 4
    for n, o in enumerate(objs):
        update(o, n)
    print("many", [vars(o) for o in objs[:6]])

    # Replaced values whose __del__ runs code.
    o = V(0, 0)
    o.a = 1.0
    set_c(o, Loud("first", o))
    set_c(o, Loud("tracer-on", o))
    try:
        set_c(o, Loud("third", o))
        update(o, 1.0)
    finally:
        sys.settrace(None)
    print("after tracer", o.a, o.b, o.c.name)
    o.c = None

    tracemalloc.start()
    o = V(0, 0)
    update(o, 2.5)
    snap = tracemalloc.take_snapshot()
    tracemalloc.stop()
    lines = sorted({st.traceback[0].lineno for st in snap.statistics("traceback")
                    if st.traceback[0].filename == __file__})
    print("tracemalloc lines", lines)


if __name__ == "__main__":
    if sys.argv[1:] == ["train"]:
        train()
    else:
        main()
