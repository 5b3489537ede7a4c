# Globals read as borrowed operands by the unboxed tier (a global int or list used in arithmetic, comparisons and subscripts): rebound between calls to other types, deleted (NameError raised where CPython raises it, past the deoptimization storm limit), shadowing and unshadowing a builtin, a globals dict given a non-str key, a global rebound by code that runs while a borrowed item of it is still on the stack, and a global that changes on every call.
# pyaot-train:
import builtins, gc
STRIDE = 11
TABLE = [3, 1, 4, 1, 5, 9, 2, 6]
LIMIT = 7.5
def neighbours(q):
    return (q - STRIDE, q + STRIDE, q * STRIDE, STRIDE - q)
def scaled(i):
    return TABLE[i % 8] * STRIDE + (LIMIT > i)
def cmp(i):
    if i < LIMIT:
        return "below"
    return "above"
def run_all():
    return [neighbours(5), [scaled(i) for i in range(10)], [cmp(i) for i in range(5, 10)]]
print(run_all())
STRIDE = 2.5
LIMIT = 6
print(run_all())
STRIDE = "ab"
TABLE = ["x", "y"] * 4
print(neighbours.__name__, [TABLE[i % 8] * 3 for i in range(3)])
try:
    print(run_all())
except TypeError as e:
    print("TypeError:", e)
STRIDE = 11
TABLE = [3, 1, 4, 1, 5, 9, 2, 6]
LIMIT = 7.5
# Deleted: NameError each time, well past the point where the code object
# gives up on its guards.
del STRIDE
out = []
for k in range(40):
    try:
        out.append(neighbours(k))
    except NameError as e:
        out.append(str(e))
print(len(out), out[0], out[-1])
STRIDE = 11
print(neighbours(3), scaled(3))
# A builtin read as a value, then shadowed by a global, then unshadowed.
builtins.BASE_UNIT = 4
def unit_times(n):
    return BASE_UNIT * n + 1
print([unit_times(n) for n in range(3)])
BASE_UNIT = 100
print([unit_times(n) for n in range(3)])
del BASE_UNIT
print([unit_times(n) for n in range(3)])
del builtins.BASE_UNIT
try:
    unit_times(1)
except NameError as e:
    print("NameError:", e)
# A non-str key in the globals dict: lookups could run a key's __eq__.
class Key:
    def __hash__(self):
        return hash("STRIDE")
    def __eq__(self, other):
        print("Key.__eq__ called")
        return False
globals()[Key()] = "odd"
print([neighbours(k) for k in range(3)])
for k in list(globals()):
    if isinstance(k, Key):
        del globals()[k]
print(neighbours(2))
# A borrowed item of a global list, and code that rebinds the global and
# frees the old list before the item is used.
class Rebinder:
    def __index__(self):
        global TABLE
        TABLE = [0] * 8
        gc.collect()
        return 1
def item_then_call(i):
    return TABLE[i] + TABLE[Rebinder()] + TABLE[i]
print(item_then_call(2), TABLE[:3])
TABLE = [3, 1, 4, 1, 5, 9, 2, 6]
def item_via_local(r):
    return TABLE[r] * STRIDE + TABLE[0]
print(sum(item_via_local(i % 8) for i in range(50)))
print(item_via_local(Rebinder()), TABLE[:3])
TABLE = [3, 1, 4, 1, 5, 9, 2, 6]
# A global that changes on every call.
COUNTER = 0
def bump_and_read(n):
    global COUNTER
    total = 0
    for i in range(n):
        COUNTER = COUNTER + 1
        total += COUNTER * 2 - i
    return total
print([bump_and_read(5) for _ in range(30)][-3:], COUNTER)
