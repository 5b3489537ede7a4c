# int(x) of exact ints, floats and strs and str(x) of anything called without type.__call__ (str(x) as 3.11's PRECALL_NO_KW_STR_1: no recursion level, no __init__ of a str subclass __str__ returns): every literal form int() accepts or rejects, float truncation and its errors, the digit limit both ways, subclasses and objects with __int__/__index__/__trunc__/__str__ (the ordinary call), int and str shadowed or monkeypatched, the recursion level the call counts; int() of floats in registers (unboxed tier) at its edges, and math.sqrt's recursion level.
# pyaot-train:
import builtins, sys
class MyInt(int):
    def __str__(self): return "MyInt!"
class MyStr(str):
    def __init__(self, *a): print("MyStr.__init__", a)
class Tr:
    def __trunc__(self): return 42
class Idx:
    def __index__(self): return 7
class AsInt:
    def __int__(self): return -3
class ToMyStr:
    def __str__(self): return MyStr("made")
def conv(values, f):
    out = []
    for v in values:
        try:
            r = f(v)
            out.append((type(r).__name__, r))
        except Exception as e:
            out.append((type(e).__name__, str(e)))
    return out
def ints(values):
    return conv(values, lambda v: int(v))
def strs(values):
    return conv(values, lambda v: str(v))
texts = ["0", "-17", " 42 ", "+8", "1_000", "1__0", "_1", "0x10", "010", "00", "3.5", "",
         "\u0663\u0661", "\uff11\uff12", "12\n", "\t-0 ", "9" * 40, "abc", "1e3", "\x00"]
floats = [0.0, -0.0, 2.9, -2.9, 1e20, 1.5e300, float("inf"), float("-inf"), float("nan"), 2.0 ** 63]
nums = [0, -1, 255, 256, 2 ** 30, -2 ** 62, 10 ** 30, True, False]
others = [MyInt(5), MyStr("12"), Tr(), Idx(), AsInt(), ToMyStr(), None, [1], b"12", 3 + 0j]
for row in (ints(texts), ints(floats), ints(nums), ints(others),
            strs(texts[:6]), strs(floats), strs(nums), strs(others[:2] + others[5:])):
    print(row)
big = 10 ** 5000
try:
    str(big)
except ValueError as e:
    print("str limit:", e)
try:
    int("7" * 5000)
except ValueError as e:
    print("int limit:", str(e)[:60])
sys.set_int_max_str_digits(6000)
print(len(str(big)), int("7" * 5000) % 1000)
sys.set_int_max_str_digits(0)
print(len(str(10 ** 7000)))
# Shadowed and monkeypatched names take the ordinary call.
def shadowed():
    int = lambda v: ("shadow", v)
    return int("5"), str(5)
print(shadowed())
real_int, real_str = builtins.int, builtins.str
builtins.int = lambda v: ("patched int", v)
builtins.str = lambda v: ("patched str", v)
try:
    print(ints(["5", 2.5]), strs([5]))
finally:
    builtins.int, builtins.str = real_int, real_str
print(ints(["5", 2.5]), strs([5, 2.5]))
# int() counts one level of recursion, as any call through tp_call, str() none:
# the deepest frame that can still call each is the same as in CPython.
def probe(k, f):
    if k:
        return probe(k - 1, f)
    return f("7")
def limit(f):
    k = 0
    while True:
        try:
            probe(k, f)
        except RecursionError:
            return k
        k += 1
def ident(v):
    return v
old = sys.getrecursionlimit()
sys.setrecursionlimit(150)
print([limit(f) for f in (int, str, len, ident, float)])
sys.setrecursionlimit(old)
# int() of a float computed in a register, and math.sqrt beside it: the
# truncation toward zero, the 64-bit edges (2**63 itself leaves as a big
# int), NaN and the infinities raising from the interpreter, int patched
# in builtins, and the level of recursion both calls count at the limit.
from math import sqrt
def trunc_all(xs):
    out = []
    for x in xs:
        try:
            out.append(int(x * 1.0))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out
edges = [0.0, -0.0, 0.999, -0.999, 2.5, -2.5, 1e18, -1e18, 9.223372036854775e18,
         9.223372036854776e18, -9.223372036854776e18, -9.223372036854778e18, 1e300,
         float("nan"), float("inf"), float("-inf"), 255.9, 256.0, -5.5, -6.0]
print(trunc_all(edges))
print([int(x / 7.0) for x in range(-20, 20, 3)], [int(sqrt(x * 3.0)) for x in range(12)])
builtins.int = lambda v: ("patched int", v)
try:
    print(trunc_all([2.5]))
finally:
    builtins.int = real_int
print(trunc_all([2.5]))
def probe_int(k, x):
    if k:
        return probe_int(k - 1, x)
    return int(x * 2.0) + 1
def probe_sqrt(k, x):
    if k:
        return probe_sqrt(k - 1, x)
    return sqrt(x * 2.0) + 1.0
def limit2(f, x):
    k = 0
    while True:
        try:
            f(k, x)
        except RecursionError:
            return k
        k += 1
old = sys.getrecursionlimit()
sys.setrecursionlimit(150)
print(limit2(probe_int, 3.0), limit2(probe_sqrt, 3.0))
sys.setrecursionlimit(old)
