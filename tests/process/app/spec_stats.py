"""What PYAOT_STATS reports about the speculative tier: direct calls,
failed guards per site, and code objects that switched to their generic
body (tests/process/run_process.py checks the lines marked below)."""


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


class Half:
    def __mul__(self, k):
        return 2


def scale(x):  # SWITCH: unboxed as float, then fed objects until it switches
    return x * 0.5 + 1.0


class Pair:
    def __getitem__(self, i):
        return ("op", i)


def by_constants(words, table, pairs):  # CONSTS: no profile, items that are no numbers
    n = 0
    for w in words:
        if w[0] == "_" and w[-1] != "x":
            n += 1
        if w[1] in "aeiou" or table[0] is None:
            n += 2
        key = table[1]
        op, av = pairs[0]
        n += len(key) + len(op) + av
    return n


def built(p):  # BUILT: what BUILD_* and f-strings make is no number
    table = [0] * len(p) + [len(p)] * 2
    return table, (p[0],) * len(p), f"{p[0]}" * len(p), {len(p)} | {1}, p[1:len(p)] + [0]


def squares(n):
    for i in range(n):
        yield i * i


def consume(n):
    t = 0
    for v in squares(n):  # GEN: a generator with native code, resumed directly
        t += v
    return t


print(consume(300))
print(sum(by_constants(["_ab", "cd_", "_ex"], {0: 1, 1: "k"}, Pair()) for i in range(40)))
print([built(list(range(1, k % 4 + 2))) for k in range(40)][-3:])
print(fib(18))
print(sum(scale(float(i)) for i in range(40)), [scale(Half()) for i in range(40)][-1])
print(mono([A(i) for i in range(200)]))
print(poly([k(i) for i in range(40) for k in (A, B, C, D, E, F)]))

import types
conf = types.ModuleType("conf")
conf.scale = 3


def modattr(n):
    t = 0
    for i in range(n):
        t += conf.scale  # MODATTR: a module attribute while the module's dict changes
        conf.counter = i
    return t


print(modattr(100))


def big(i):
    return i << 40


def total_of(n):
    t = 0
    for i in range(n):
        t += big(i)  # BIGINT: exact ints past one digit
    return t


print(total_of(60))


class Eq:
    def __eq__(self, other):
        return False


def compare_all(g):
    for i in range(10):
        g == g  # a guard failing at a site not seen before


# Statistics must not show in the collector's lists: test_descr counts
# gc.get_objects() around code like this (the differential check compares).
import gc
before = len(gc.get_objects())
compare_all(Eq())
print("GC-tracked objects made meanwhile:", len(gc.get_objects()) - before)


# Nor may they move the reference counts of small ints (test_array counts
# sys.getrefcount(10) around loops) or leave traces at the program's line
# (test_tracemalloc looks its objects' traces up by line).
import sys
import tracemalloc


def fail_once(g):
    return g != g  # ONCE: one site, a failed guard per call


def refs_of_ten(g):
    for i in range(9):
        fail_once(g)
    before = sys.getrefcount(10)
    fail_once(g)  # the site's 10th failure
    return sys.getrefcount(10) - before


def compare_more(g):
    for i in range(300):
        g != g  # MORE: another site, its count past the cached small ints


print("references to 10 gained at the 10th failure:", refs_of_ten(Eq()))
tracemalloc.start()
compare_more(Eq())
snap = tracemalloc.take_snapshot()
tracemalloc.stop()
print("lines of this file with live traces:",
      sorted(s.traceback[0].lineno for s in snap.statistics("lineno")
             if s.traceback[0].filename == __file__))
