# Direct calls between compiled functions: defaults, bound methods, closures, recursion limits, frames that outlive the call, tracebacks, __code__ and __defaults__ replaced, functions rebound, keyword calls, tracing switched on inside a callee.
import sys
import traceback


def add(a, b=10, c=100):
    return a + b + c


class P:
    def __init__(self, v):
        self.v = v

    def get(self, extra=0):
        return self.v + extra


def outer(n):
    k = n * 2

    def inner(m):
        return k + m + n

    return inner


def keep_frame(x):
    y = x + 1
    return sys._getframe()


def fails(n):
    if n == 0:
        raise ValueError("bottom")
    return fails(n - 1)


def depth(n):
    return depth(n + 1) if n < 10**6 else n


def calls(f, *args):
    return f(*args)


print(add(1), add(1, 2), add(1, 2, 3), add(1, c=5))
p = P(4)
print(p.get(), p.get(1), P.get(p), P.get(p, 2))
print(outer(3)(4), outer(5)(1))
f = keep_frame(41)
print(f.f_code.co_name, f.f_locals, f.f_lineno, f.f_back.f_code.co_name if f.f_back else None)
del f
try:
    fails(5)
except ValueError:
    traceback.print_exc(file=sys.stdout)
try:
    depth(0)
except RecursionError as e:
    print("RecursionError", e)
old = sys.getrecursionlimit()
sys.setrecursionlimit(60)
try:
    depth(0)
except RecursionError as e:
    print("RecursionError at 60")
sys.setrecursionlimit(old)
add.__defaults__ = (1000, 10000)
print(add(1))
add.__defaults__ = None
try:
    add(1)
except TypeError as e:
    print("TypeError", e)


def two():
    return 2


def three():
    return 3


def use():
    return two()


print(use())
two.__code__ = three.__code__
print(use())
two = lambda: "rebound"
print(use())
print(calls(add, 1, 2, 3), calls(len, "abc"))


def gen(n):
    for i in range(n):
        yield i


def use_gen():
    return list(gen(3))


print(use_gen())
events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name in ("leaf", "middle"):
        events.append((frame.f_code.co_name, event, frame.f_lineno))
    return tracer


def leaf(x):
    return x * 2


def middle(x):
    sys.settrace(tracer)
    r = leaf(x)
    r += leaf(x + 1)
    return r


def top():
    total = 0
    for i in range(3):
        total += middle(i)
    sys.settrace(None)
    return total


print(top())
sys.settrace(None)
print(events)


def mutual_a(n):
    return "a" if n == 0 else mutual_b(n - 1)


def mutual_b(n):
    return "b" if n == 0 else mutual_a(n - 1)


print(mutual_a(101), mutual_b(200))
