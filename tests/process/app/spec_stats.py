"""What PYAOT_STATS reports about the speculative tier: direct calls, and
failed guards per site (tests/process/run_process.py checks the lines
marked below)."""


class A:
    def __init__(self, v):
        self.v = v


class B(A): pass
class C(A): pass
class D(A): pass
class E(A): pass
class F(A): pass


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def mono(objs):
    s = 0
    for o in objs:
        s += o.v  # MONO: one type, the cache always hits
    return s


def poly(objs):
    s = 0
    for o in objs:
        s += o.v  # POLY: six types round robin, more than the cache's ways
    return s


print(fib(18))
print(mono([A(i) for i in range(200)]))
print(poly([k(i) for i in range(40) for k in (A, B, C, D, E, F)]))
