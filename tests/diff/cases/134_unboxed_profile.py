# Unboxed tier with a training run: trained on floats and small ints, then run on ints, bigints, strs and float subclasses until the code objects switch to their generic bodies; deoptimization in the middle of a loop, recursion through unboxed functions, a __del__ run by STORE_FAST that turns tracing on inside an unboxed loop, and a tracer on during the calls.
# pyaot-train: train
import sys

TRAINING = len(sys.argv) > 1


def energy(xs, vs, m):
    e = 0.0
    i = 0
    while i < len(xs):
        dx = xs[i] - 0.5
        e = e + m * vs[i] * vs[i] * 0.5 - dx * dx / (1.0 + dx * dx)
        i = i + 1
    return e


def isum(n):
    t = 0
    i = 0
    while i < n:
        t = t + i * i - (i >> 1)
        i = i + 1
    return t


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def lerp(a, b, t):
    return a + (b - a) * t


class Noisy:
    def __del__(self):
        sys.settrace(tracer)


events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name in ("traced_loop", "helper"):
        events.append((frame.f_code.co_name, event, frame.f_lineno))
    return tracer


def helper(i):
    return i * 0.5


def traced_loop(n):
    x = Noisy()
    s = 0.0
    i = 0
    while i < n:
        s = s + i * 0.25 + helper(i)
        if i == 2:
            x = 1.5
        i = i + 1
    return s


class G(float):
    def __sub__(self, other):
        return G(float(self) - float(other) + 100.0)


rounds = 200 if TRAINING else 3
for _ in range(rounds):
    r1 = energy([0.1, 0.7, 1.2], [1.0, -2.0, 0.5], 2.0)
    r2 = isum(50)
    r3 = fib(12)
    r4 = lerp(1.0, 3.0, 0.25)
if TRAINING:
    sys.exit(0)
print(r1, r2, r3, r4)
print(energy([1, 2, 3], [4, 5, 6], 7))
print(energy([0.5, 2 ** 70], [1.0, 2.0], 3))
print(energy([G(0.5), 1.0], [1.0, 1.0], 1.0))
print(isum(10 ** 5 // 1000), isum(0))
try:
    print(isum(2.5))
except TypeError as e:
    print("TypeError", e)
for v in (1.0, 2, 2 ** 80, -3):
    print(lerp(v, v * 2, 0.5))
for k in range(60):
    out = lerp(2 ** 70 + k, 3 ** 50, k) if k % 2 else lerp(G(1.0), k, 0.5)
print(out, lerp(1.0, 2.0, 0.5), lerp(2, 4, 3))
print(fib(15), fib(2.0), fib(True))
print(traced_loop(5))
sys.settrace(None)
print(events)
