# Floats boxed and released by compiled code without PyFloat_FromDouble
# and _Py_Dealloc: tracemalloc still learns where each float was made,
# more floats than the free list holds are made and released, and float
# subclasses and other objects released in the same places keep their
# own deallocation (__del__, weak references).
import sys
import tracemalloc
import weakref


def blend(a, b, k):
    return a * k + b * (1.0 - k)


def scaled(xs, k):
    out = []
    for x in xs:
        y = x * k  # boxed at STORE_FAST
        out.append(y)
    return out


def overwrite(xs, ys):
    for i in range(len(xs)):
        xs[i] = ys[i] * 2.0  # the old item released in place
    return xs


class F(float):
    def __del__(self):
        print("F released", float(self))


class Other:
    def __del__(self):
        print("Other released")


def line_of(obj):
    tb = tracemalloc.get_object_traceback(obj)
    if tb is None:
        return None
    fr = tb[0]
    return fr.filename == __file__, fr.lineno


def main():
    # Free list churn: far more than 100 live floats, then all released.
    for rounds in range(3):
        vals = scaled([float(i) for i in range(500)], 1.5)
        print(rounds, len(vals), sum(vals), vals[0], vals[-1])
        del vals
    print(blend(2.0, 4.0, 0.25), blend(1, 3.0, 0.5))
    # Released in the unboxed tier's stores: a float subclass and objects.
    xs = [F(1.5), Other(), 3.0, F(-2.0)]
    print(overwrite(xs, [1.0, 2.0, 3.0, 4.0]))
    ref_target = F(8.0)
    r = weakref.ref(ref_target)
    holder = [ref_target]
    del ref_target
    overwrite(holder, [0.5])
    print("weakref dead:", r() is None, holder)
    # tracemalloc sees the line that made each float, also when the
    # memory came from the free list.
    tracemalloc.start()
    # Fill the free list with floats tracemalloc traces (made here).
    churn = [float(i) + 0.5 for i in range(300)]
    print("churn traced at:", line_of(churn[-1]))
    del churn
    made = [blend(float(i), 1.0, 0.5) for i in range(5)]
    print("blend floats traced at:", set(line_of(m) for m in made))
    lst = [0.0, 0.0]
    overwrite(lst, [5.0, 6.0])
    print("stored floats traced at:", [line_of(v) for v in lst])
    vals = scaled([1.0, 2.0, 3.0], 3.0)
    print("local floats traced at:", [line_of(v) for v in vals])
    tracemalloc.stop()
    print("refcount of a fresh float:", sys.getrefcount(blend(1.0, 2.0, 0.5)))


main()
