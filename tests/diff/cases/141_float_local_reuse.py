# A float computed in a register and stored to a local whose old value is
# an exact float referenced nowhere else is written into that float in
# place, and so is one stored into a list over such a float. Every other holder of the old float must keep its value: another
# local, a list, a dict, a locals() snapshot, a generator's consumer, the
# caller that passed it, a float subclass; and tracemalloc must still see
# each float made at its line.
import sys
import tracemalloc


def aliases(x):
    y = x
    x = x * 2.0 + 1.0
    kept = [x]
    x = x - 0.5
    box = {"x": x}
    x = x / 4.0
    return y, kept[0], box["x"], x


def running(n):
    acc = 0.0
    history = []
    for i in range(n):
        acc = acc * 0.5 + i
        if i % 3 == 0:
            history.append(acc)  # this float is now shared: a new one follows
    return acc, history


def snapshot(x):
    x = x + 1.0
    before = locals()
    x = x * 3.0
    return before["x"], x


def caller_keeps():
    values = [1.25, 2.5]
    out = [grow(v) for v in values]
    return values, out


def grow(v):
    v = v * 10.0  # the list still holds the argument
    v = v + 1.0
    return v


def gen(x):
    while x < 100.0:
        yield x
        x = x * 3.0


class F(float):
    pass


def subclass(x):
    x = x + 0.25
    x = x * 2.0
    return type(x).__name__, x


def identity(x):
    x = x * 1.0
    first = x
    x = x + 1.0
    return first is x, first, x


def list_items(row):
    x = row[0]
    row[0] = row[0] * 2.0  # x still holds the old item
    copy = list(row)
    row[1] = row[1] + 0.5  # so does the copy
    row[0], y = row[0] * 3.0, row[0]  # and the stack, until y takes it
    d = {"z": row[2]}
    row[2] = row[2] - 1.0
    row[2] = row[2] - 1.0  # nothing else holds this one
    return x, copy, y, d, row


def list_traced():
    keep = [i * 0.5 for i in range(300)]
    row = [0.5, 0.25]
    row[0] = row[0] * 1.5
    row[0] = row[0] + 1.0  # a new float under tracemalloc, made on this line
    tb = tracemalloc.get_object_traceback(row[0])
    return len(keep), row, tb is not None and tb[0].lineno - list_traced.__code__.co_firstlineno


def traced():
    keep = [i * 0.5 for i in range(300)]  # more than the free list holds
    x = 0.5
    x = x * 1.5
    x = x + 1.0  # a new float under tracemalloc, made on this line
    tb = tracemalloc.get_object_traceback(x)
    return len(keep), x, tb is not None and tb[0].lineno - traced.__code__.co_firstlineno


print(aliases(3.0))
print(running(10))
print(snapshot(2.0))
print(caller_keeps())
print(list(gen(1.5)))
seen = []
for v in gen(2.0):
    seen.append(v)
print(seen)
print(subclass(F(1.0)), subclass(1.0))
print(identity(4.0))
print(list_items([1.0, 2.0, 3.0]))
tracemalloc.start(1)
print(traced(), list_traced())
tracemalloc.stop()
print(traced(), list_traced())
print(sys.getrefcount(running(3)[0]) > 0)
