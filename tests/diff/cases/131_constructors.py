# Classes called directly (object.__new__ plus a Python __init__ entered without type.__call__): defaults, __init__ returning a value or raising, abstract classes, __new__ overrides, metaclass __call__, slots, builtin bases, __init__ replaced later or not a function, generator __init__, keyword construction, excess arguments, and recursion depth through constructors.
import abc, traceback
class P:
    def __init__(self, x, y=2, *, z=None):
        self.t = (x, y, z)
class Q(P):
    pass
class S:
    __slots__ = ("a",)
    def __init__(self, a): self.a = a
class Ret:
    def __init__(self): return 5
class Gen:
    def __init__(self): yield 1
class Boom:
    def __init__(self, v): raise ValueError("boom %s" % v)
class Abs(abc.ABC):
    @abc.abstractmethod
    def m(self): ...
    def __init__(self): pass
class New:
    def __new__(cls, *a):
        o = super().__new__(cls); o.via = "new"; return o
    def __init__(self, v): self.v = v
class Meta(type):
    def __call__(cls, *a): return ("meta call", a)
class WithMeta(metaclass=Meta):
    def __init__(self, v): self.v = v
class L(list):
    def __init__(self, v): super().__init__([v, v])
class E(Exception):
    def __init__(self, v): super().__init__("E:%s" % v)
class Plain: pass
class Callable:
    seen = []
    def __call__(self, v): Callable.seen.append(v)  # not bound: no self of Odd
class Odd:
    __init__ = Callable()
class Later:
    def __init__(self, v): self.v = v
def run():
    out = []
    out.append((P(1).t, P(1, 3).t, Q(4).t, P(5, z=6).t, S(7).a, New(8).via, New(8).v, WithMeta(9)))
    out.append((L(3), str(E(4)), type(Plain()).__name__, type(Odd(10)).__name__, Callable.seen))
    for f in (lambda: Ret(), lambda: Gen(), lambda: Boom(1), lambda: Abs(), lambda: P(),
              lambda: P(1, 2, 3), lambda: Plain(1), lambda: S()):
        try:
            out.append(f())
        except Exception as e:
            out.append((type(e).__name__, str(e)))
    try:
        Boom(2)
    except ValueError:
        out.append([ln.strip() for ln in traceback.format_exc().splitlines()])
    objs = [Later(i) for i in range(5)]
    Later.__init__ = lambda self, v: setattr(self, "v", -v)
    objs += [Later(i) for i in range(3)]
    out.append([o.v for o in objs])
    return out
for row in run():
    print(row)
depth = 0
class R:
    def __init__(self, n):
        global depth
        depth = n
        R(n + 1)
try:
    R(0)
except RecursionError as e:
    print("recursion", depth, e)
