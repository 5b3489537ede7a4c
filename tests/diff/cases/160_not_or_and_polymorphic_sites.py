# `not x` as a value and `x or y` / `x and y` (UNARY_NOT, JUMP_IF_TRUE_OR_POP, JUMP_IF_FALSE_OR_POP) on bools and on anything else (ints, None, strs, lists, __bool__ and __len__ overrides, __bool__ raising or returning a non-bool), the reference counts of True and False, and a tracer switched on by __bool__; attribute and method sites that meet more types than their inline check covers (three to six subclasses, a module and an instance at one LOAD_METHOD), with instances in inline values, in slots and with a materialized __dict__, and a method replaced on one subclass mid-loop (trained on bools and on one class only).
# pyaot-train: train
import math
import sys


class Truthy(int):
    def __bool__(self):
        print("Truthy.__bool__", int(self))
        return int(self) % 2 == 0


class Sized(list):
    def __len__(self):
        print("Sized.__len__")
        return 0


class BadBool:
    def __bool__(self):
        raise ValueError("no truth")


class NotBool:
    def __bool__(self):
        return 1


def nots(values):
    out = []
    for v in values:
        try:
            out.append(not v)
        except Exception as exc:
            out.append(type(exc).__name__ + ": " + str(exc))
    return out


def ors(values, other):
    out = []
    for v in values:
        try:
            out.append(v or other)
            out.append(v and other)
            out.append(not v or v is None)
        except Exception as exc:
            out.append(type(exc).__name__ + ": " + str(exc))
    return out


def show_truths():
    values = [True, False, 0, 1, -1, 0.0, 2.5, None, "", "s", [], [0], (), {}, Truthy(2), Truthy(3),
              Sized([1, 2]), BadBool(), NotBool()]
    for _ in range(3):  # warm: the sites see bools first, then everything
        nots([True, False] * 20)
        ors([True, False] * 20, "x")
    print(nots(values))
    print(ors(values, "other"))
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(1000):
        nots([True, False, 1, 0])
        ors([True, False], None)
    after = sys.getrefcount(True), sys.getrefcount(False)
    print("bool refcounts stable:", before == after)


class TraceOn:
    def __bool__(self):
        sys.settrace(tracer)
        return False


events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name == "traced_loop":
        events.append((event, frame.f_lineno - traced_loop.__code__.co_firstlineno))
    return tracer


def traced_loop(values):
    acc = []
    for v in values:
        acc.append(not v)
        acc.append(v or 7)
    return acc


def show_tracer():
    print(traced_loop([True, False] * 10))
    print(traced_loop([True, TraceOn(), False, 3]))
    print(traced_loop([False, 0, "", 5]))  # a new frame: traced
    sys.settrace(None)
    print(events[:12], len(events))


class Base:
    def __init__(self, tag):
        self.tag = tag
        self.count = 0

    def bump(self):
        self.count += 1
        return self.count

    def label(self):
        return self.tag + ":" + str(self.count)


class A(Base):
    pass


class B(Base):
    pass


class C(Base):
    pass


class D(Base):
    pass


class E(Base):
    pass


class Slotted:
    __slots__ = ("tag", "count")

    def __init__(self, tag):
        self.tag = tag
        self.count = 100

    def bump(self):
        self.count += 2
        return self.count

    def label(self):
        return "slot " + self.tag


def read_tags(objs):
    out = []
    for o in objs:
        out.append(o.tag)
        out.append(o.label())
        out.append(o.bump())
    return out


def show_polymorphic():
    objs = [A("a"), B("b"), C("c")]
    for _ in range(50):
        read_tags(objs)
    print(read_tags(objs))
    objs = [A("a"), B("b"), C("c"), D("d")]
    for _ in range(50):
        read_tags(objs)
    print(read_tags(objs))
    objs = [A("a"), B("b"), C("c"), D("d"), E("e"), Slotted("s")]
    for _ in range(50):
        read_tags(objs)
    print(read_tags(objs))
    d = D("dd")
    d.__dict__["extra"] = 1  # a materialized dict
    print(read_tags([A("a2"), d, C("c2"), d]))
    C.label = lambda self: "replaced " + self.tag
    print(read_tags([A("a3"), B("b3"), C("c3"), D("d3")]))
    del C.label
    print(read_tags([C("c4"), D("d4")]))
    e = E("e5")
    e.label = lambda: "instance attribute"
    print(read_tags([A("a5"), B("b5"), C("c5"), e]))


class Obj:
    def sqrt(self, x):
        return "Obj.sqrt(%r)" % (x,)


def module_or_object(things):
    out = []
    for t in things:
        out.append(t.sqrt(16.0))
    return out


def show_module_method():
    things = [Obj(), math, Obj()]
    for _ in range(30):
        module_or_object(things)
    print(module_or_object(things))
    print(module_or_object([math, math, Obj()]))
    try:
        module_or_object([Obj(), math, A("no sqrt")])
    except AttributeError as exc:
        print("AttributeError:", exc)


if sys.argv[1:] == ["train"]:  # the training run sees bools and one class only
    for _ in range(200):
        nots([True, False])
        ors([True, False], "x")
        read_tags([A("a"), A("b")])
        module_or_object([Obj()])
else:
    show_truths()
    show_tracer()
    show_polymorphic()
    show_module_method()
