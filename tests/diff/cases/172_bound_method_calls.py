# Calls of bound method objects at one site (a callback, `super().f()`), which the call site unpacks into function and self to use its direct-call cache: Python methods of several classes alternating, MethodType over a builtin, a lambda and a callable object, a classmethod and a staticmethod, keywords and defaults, a method replaced on the class between calls, super() with arguments, generators and recursion through bound methods (RecursionError at the same depth), exceptions raised inside.
import sys
import types


class A:
    def __init__(self, v):
        self.v = v

    def get(self, k=1):
        return self.v * k

    @classmethod
    def make(cls, v):
        return cls(v)

    @staticmethod
    def twice(x):
        return 2 * x

    def gen(self, n):
        for i in range(n):
            yield self.v + i

    def fail(self):
        raise ValueError("fail %r" % self.v)


class B(A):
    def get(self, k=1):
        return -super().get(k) + 1

    def both(self, k):
        return super().get(k=k), super(B, self).get(k)


class Calls:
    def __init__(self, n):
        self.n = n

    def __call__(self, x):
        return x + self.n


def call_all(fns):
    out = []
    for f in fns:
        try:
            out.append(f())
        except Exception as exc:
            out.append("%s: %s" % (type(exc).__name__, exc))
    return out


def call_one_arg(fns, x):
    out = []
    for f in fns:
        try:
            out.append(f(x))
        except Exception as exc:
            out.append("%s: %s" % (type(exc).__name__, exc))
    return out


a, b = A(3), B(5)
print(call_all([a.get, b.get, a.get, b.get, A(7).get]))
print(call_one_arg([a.get, b.get, types.MethodType(len, "xyz").__func__, b.both], 2))
print(call_all([types.MethodType(len, [1, 2, 3]), types.MethodType(lambda s: s * 2, 21),
                types.MethodType(Calls(10), 5)]))
print([type(x).__name__ if isinstance(x, A) else x for x in call_one_arg([A.make, B.make, a.twice, b.twice, A.twice], 4)])
print([list(g) for g in call_one_arg([a.gen, b.gen], 3)])
print(call_all([a.fail, b.fail, a.get]))

get = a.get
out = []
for i in range(6):
    out.append(get(2))
    if i == 2:
        A.get = lambda self, k=1: "replaced %d" % k
        get = a.get
print(out)


class Deep:
    def down(self, n):
        step = self.down
        return n if n == 0 else step(n - 1) + 1


sys.setrecursionlimit(400)
d = Deep()
depth = 0
while True:
    try:
        d.down(depth)
        depth += 1
    except RecursionError:
        break
print("deepest", depth)
sys.setrecursionlimit(1000)
