# Attribute, method and global caches under change: class attributes rebound, __class__ reassigned, __dict__ replaced, materialized instance dicts, slots deleted, properties and __getattr__ added later, monkeypatched methods, globals and builtins, polymorphic sites, setattr with run-time strings.
import builtins
import math


class A:
    kind = "A"

    def __init__(self, x):
        self.x = x
        self.y = x * 2

    def m(self):
        return "A.m(%r)" % self.x


class B(A):
    kind = "B"

    def m(self):
        return "B.m(%r)" % self.x


class S:
    __slots__ = ("p", "q")

    def __init__(self):
        self.p = 1


def get_x(o):
    return o.x


def get_y(o):
    return o.y


def call_m(o):
    return o.m()


def get_kind(o):
    return o.kind


def set_x(o, v):
    o.x = v


def get_p(o):
    return o.p


def set_p(o, v):
    o.p = v


a = A(1)
b = B(2)
for i in range(3):
    print(get_x(a), get_y(a), call_m(a), get_kind(a), get_x(b), call_m(b), get_kind(b))

# Class attribute and method rebound after the caches filled.
A.kind = "A2"
A.m = lambda self: "patched A.m"
print(get_kind(a), call_m(a), get_kind(b), call_m(b))
# Instance attribute shadowing a method.
a.m = lambda: "instance m"
print(call_m(a))
del a.m
print(call_m(a))
# Materialized __dict__.
d = vars(a)
d["x"] = 100
print(get_x(a), get_y(a))
a.__dict__ = {"x": "replaced", "y": "dict"}
print(get_x(a), get_y(a), call_m(a))
# __class__ reassigned.
c = A(5)
print(call_m(c), get_kind(c))
c.__class__ = B
print(call_m(c), get_kind(c), get_x(c))
# Property added later shadows the instance attribute.
e = A(7)
print(get_x(e))
A.x = property(lambda self: "property x")
print(get_x(e))
del A.x
print(get_x(e))
# __getattr__ only for missing attributes; __getattribute__ for all.
class G(A):
    def __getattr__(self, name):
        return "getattr:" + name
g = G(3)
print(get_x(g), g.missing)
del g.x
print(get_x(g))
G.__getattribute__ = lambda self, name: "ga:" + name
print(get_x(g), get_y(g))
del G.__getattribute__
print(get_y(g))
# Deleted attributes raise exactly.
h = A(9)
del h.y
try:
    get_y(h)
except AttributeError as ex:
    print("AttributeError", ex)
# Stores: new attribute, replaced, through a setattr string built at run time.
for o in (A(1), B(2), G(3)):
    set_x(o, "stored")
    print(get_x(o))
name = "".join(["z", "z"])
setattr(h, name, 42)
print(h.zz, getattr(h, "zz"))
# Slots.
s = S()
print(get_p(s))
set_p(s, 5)
print(get_p(s))
del s.p
try:
    get_p(s)
except AttributeError as ex:
    print("AttributeError", ex)
set_p(s, 6)
print(get_p(s))
try:
    s.r = 1
except AttributeError as ex:
    print("AttributeError", ex)
# Polymorphic site: many classes through one instruction.
classes = [type("C%d" % i, (A,), {"kind": "C%d" % i}) for i in range(40)]
print([get_kind(cls(i)) for i, cls in enumerate(classes)][:5], sum(get_x(cls(i)) for i, cls in enumerate(classes)))
# Module attributes and globals monkeypatched.
def sq(v):
    return math.sqrt(v)
print(sq(16))
math.sqrt = lambda v: "fake sqrt"
print(sq(16))
del math.sqrt
try:
    sq(16)
except AttributeError as ex:
    print("AttributeError", ex)
def uses_len(v):
    return len(v)
print(uses_len([1, 2, 3]))
real_len = builtins.len
builtins.len = lambda v: "fake len"
print(uses_len([1, 2, 3]))
del builtins.len
try:
    uses_len([1, 2, 3])
except NameError as ex:
    print("NameError", ex)
builtins.len = real_len
print(uses_len([1, 2, 3]))
len = lambda v: "global len"
print(uses_len([1, 2, 3]))
del len
print(uses_len([1, 2, 3]))
def uses_helper():
    return helper()
def helper():
    return "helper 1"
print(uses_helper())
def helper():
    return "helper 2"
print(uses_helper())
del helper
try:
    uses_helper()
except NameError as ex:
    print("NameError", ex)
# Class objects: class attributes through the class.
def class_kind(cls):
    return cls.kind
print(class_kind(A), class_kind(B))
B.kind = "B2"
print(class_kind(A), class_kind(B))
del B.kind
print(class_kind(B))
class Meta(type):
    @property
    def kind(cls):
        return "meta kind"
class M(metaclass=Meta):
    kind = "class kind"
print(class_kind(M), M().kind)
