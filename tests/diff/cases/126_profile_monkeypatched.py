# Profile-guided speculation on attributes, methods, globals and builtins, then everything monkeypatched after warm-up.
# pyaot-train: train
import builtins
import sys

TRAINING = len(sys.argv) > 1


class Point:
    kind = "point"

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)

    def describe(self):
        return "%s(%r, %r)" % (self.kind, self.x, self.y)


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b

    def total(self):
        return self.a + self.b


class Other:
    kind = "other"

    def norm1(self):
        return "Other.norm1"

    def describe(self):
        return "Other.describe x=%r" % (getattr(self, "x", None),)


def helper(v):
    return v * 2


def get_x(p):
    return p.x


def set_x(p, v):
    p.x = v


def get_kind(p):
    return p.kind


def call_norm(p):
    return p.norm1()


def call_describe(p):
    return p.describe()


def slot_sum(s):
    s.a = s.a + 1
    return s.total() + s.b


def use_builtins(seq):
    return len(seq), abs(seq[0]), min(seq), max(seq), isinstance(seq, list)


def use_global(v):
    return helper(v)


def warm(p, s, n):
    acc = 0
    for i in range(n):
        set_x(p, i)
        acc += get_x(p)
        get_kind(p)
        acc += call_norm(p)
        call_describe(p)
        acc += slot_sum(s)
        use_builtins([i - 5, i, 3])
        acc += use_global(i)
    return acc


def show(label, p, s=None):
    out = [label]
    for f in (get_x, get_kind, call_norm, call_describe):
        try:
            out.append(repr(f(p)))
        except Exception as e:
            out.append("%s: %s" % (type(e).__name__, e))
    if s is not None:
        try:
            out.append(repr(slot_sum(s)))
        except Exception as e:
            out.append("%s: %s" % (type(e).__name__, e))
    try:
        out.append(repr(use_builtins([-4, 2, 9])))
    except Exception as e:
        out.append("%s: %s" % (type(e).__name__, e))
    try:
        out.append(repr(use_global(21)))
    except Exception as e:
        out.append("%s: %s" % (type(e).__name__, e))
    print(" | ".join(out))


def train():
    p = Point(1, -2)
    s = Slotted(1, 2)
    print("trained", warm(p, s, 3000))


def real():
    global helper
    p = Point(3, -4)
    s = Slotted(10, 20)
    print("warm", warm(p, s, 50))
    show("start", p, s)

    orig_norm1 = Point.norm1
    Point.norm1 = lambda self: "patched norm1 %r" % (self.x,)
    show("method replaced", p)
    p.describe = lambda: "instance describe"
    show("instance shadows method", p)
    del p.describe
    show("shadow removed", p)
    Point.kind = "renamed"
    show("class attr changed", p)
    p.kind = "own kind"
    show("instance attr shadows class attr", p)
    del Point.kind
    del p.kind
    show("class attr deleted", p)
    Point.kind = "point"

    q = Point(7, 8)
    q.__class__ = Other
    show("__class__ = Other", q)
    q.__class__ = Point
    show("__class__ back", q)

    r = Point(1, 2)
    r.__dict__ = {"x": "dict-x", "y": 5, "norm1": lambda: "dict norm1"}
    show("__dict__ replaced", r)
    r.__dict__.clear()
    show("__dict__ cleared", r)

    s.a = 100
    show("slot set", p, s)
    del s.b
    show("slot deleted", p, s)
    s.b = -1
    show("slot re-set", p, s)

    orig_len = builtins.len
    builtins.len = lambda seq: -1
    show("builtins.len replaced", p)
    builtins.len = orig_len
    show("builtins.len restored", p)
    builtins.abs = lambda v: "fake abs"
    show("builtins.abs replaced", p)
    del builtins.abs
    show("builtins.abs deleted", p)
    import math
    builtins.abs = type(0).__abs__
    show("builtins.abs int-only", p)
    builtins.abs = math.fabs
    show("builtins.abs = fabs", p)
    builtins.abs = orig_abs

    helper = lambda v: ("rebound helper", v)
    show("global rebound", p)
    g = globals()
    g["isinstance"] = lambda obj, cls: "module-level isinstance"
    show("global shadows builtin", p)
    del g["isinstance"]
    show("global shadow removed", p)
    del helper
    show("global deleted", p)
    helper = lambda v: v - 1
    show("global re-bound", p)

    del p.x
    show("attribute deleted", p)
    p.x = "back"
    show("attribute restored", p)
    Point.norm1 = orig_norm1
    show("method restored", p)
    print("warm again", warm(Point(1, 1), Slotted(0, 0), 20))


orig_abs = builtins.abs
if TRAINING:
    train()
else:
    real()
