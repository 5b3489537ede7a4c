# Attribute, method and store caches with several types per site (four ways): subclasses sharing base-class methods, a class changed after all ways filled, slots and dict-backed instances mixed at one site, a fifth type evicting the oldest, and a site that gives up.
class Base:
    def __init__(self, v):
        self.v = v
        self.w = v * 10

    def get(self):
        return self.v

    def name(self):
        return type(self).__name__


class A(Base):
    pass


class B(Base):
    def name(self):
        return "B!"


class C(Base):
    def __init__(self, v):
        self.extra = 1
        super().__init__(v)


class D(Base):
    tag = "D"


class S:
    __slots__ = ("v", "w")

    def __init__(self, v):
        self.v = v
        self.w = -v

    def name(self):
        return "S"


def read(o):
    return o.v, o.w


def call(o):
    return o.name(), o.get() if hasattr(o, "get") else None


def write(o, x):
    o.v = x
    return o.v


objs = [A(1), B(2), C(3), D(4)]
for round_ in range(3):
    print([read(o) for o in objs], [call(o) for o in objs], [write(o, round_) for o in objs])
# Change one class after every way is filled.
C.name = lambda self: "C patched"
D.get = lambda self: "D.get patched"
print([call(o) for o in objs])
# Instances of the same class with and without a materialized __dict__.
a2 = A(5)
vars(a2)
a2.__dict__["v"] = "through dict"
print(read(a2), read(A(6)), call(a2))
# Slots and dicts through one site, then a fifth and sixth type.
mixed = objs + [S(7), A(8), S(9)]
for i in range(3):
    print([read(o) for o in mixed], [write(o, i * 100) for o in mixed])
E = type("E", (Base,), {})
F = type("F", (Base,), {"get": lambda self: "F"})
more = mixed + [E(10), F(11)]
print([call(o) for o in more if not isinstance(o, S)], [read(o) for o in more])
# A slot deleted, then read again through the cached site.
s = S(12)
del s.w
try:
    read(s)
except AttributeError as e:
    print("AttributeError", e)
s.w = 13
print(read(s))
# An attribute deleted on one instance of a cached class.
d = D(14)
del d.w
try:
    read(d)
except AttributeError as e:
    print("AttributeError", e)
