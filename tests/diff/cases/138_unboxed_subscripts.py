# pyaot-train: train
# Subscripts in the unboxed tier: list and tuple items read in place
# (borrowed) and fed to float arithmetic, `v[i] -= x * y` through COPY and
# SWAP, and list stores of register values. The training run sees lists of
# floats indexed by ints; the real run then meets dicts, strs, list
# subclasses, bools, big and negative indices, IndexError, items whose
# release (__del__) clears the list an item was borrowed from, turns
# tracing on, or reads the frame; and functions the training never ran
# (decided without a profile: a constant int index).
import sys

TRAINING = len(sys.argv) > 1


def step(p1, v1, p2, v2, dt):
    dx = p1[0] - p2[0]
    dy = p1[1] - p2[1]
    d2 = dx * dx + dy * dy + 0.01
    v1[0] -= dx * dt / d2
    v1[1] -= dy * dt / d2
    v2[0] += dx * dt / d2
    v2[-1] += dy * dt / d2
    return d2


def dot(a, b, n):
    s = 0.0
    for i in range(n):
        s += a[i] * b[i]
    return s


def nested(rows, i, j):
    return rows[i][j] * 2.0 + rows[j][i]


def scale_into(dst, src, k):
    for i in range(len(src)):
        dst[i] = src[i] * k
    return dst


def train():
    p1, v1, p2, v2 = [0.5, 1.5], [0.0, 0.0], [2.0, -1.0], [0.1, 0.2]
    for _ in range(300):
        step(p1, v1, p2, v2, 0.01)
    a = [float(i) for i in range(8)]
    for _ in range(100):
        dot(a, a, 8)
        nested([a, a, a], 1, 2)
        scale_into([0.0] * 8, a, 0.5)


class Sub(list):
    def __getitem__(self, i):
        return 10.0 * list.__getitem__(self, i)

    def __setitem__(self, i, v):
        list.__setitem__(self, i, -v)


class Clearer:
    """Its release empties a list (and reports when it happens)."""

    def __init__(self, target, tag):
        self.target = target
        self.tag = tag

    def __del__(self):
        print("del", self.tag, "clears", len(self.target))
        self.target.clear()
        # Reuse freed floats' memory: a dangling borrowed item would
        # read one of these (or find its type changed).
        junk = [i + 0.5 for i in range(200)]
        print("junk", len(junk))


def borrowed_then_store(a):
    y = Clearer(a, "y")
    # a[0] stays on the stack while y's old value is released.
    return a[0] + (y := 1.5), y


def borrowed_across_store_subscr(a, b):
    # a[0]'s old value clears b while b[0] is still on the stack.
    a[0], b0 = 9.0, b[0]
    return b0


class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("released", self.tag)


class ClearsOuter:
    def __init__(self):
        self.outer = None

    def __del__(self):
        print("old item released: clearing the outer list")
        self.outer.clear()
        print("outer list cleared")


def store_into_borrowed_row(rows):
    # The row stays alive (on the stack) until the store is over, even
    # when releasing its old item empties `rows`.
    rows[0][0] = 2.5
    return "stored"


def frame_reader():
    return Looker()


class Looker:
    def __del__(self):
        f = sys._getframe(1)
        print("looker sees line", f.f_lineno - f.f_code.co_firstlineno,
              sorted(k for k in f.f_locals if not k.startswith("_")))


def store_reads_frame(lst):
    x = 2.5
    lst[0] = x * 2.0
    return lst


def tracer(frame, event, arg):
    if frame.f_code.co_name == "traced_loop":
        print("trace", event, frame.f_lineno - frame.f_code.co_firstlineno)
    return tracer


class TraceOn:
    def __del__(self):
        print("tracing on")
        sys.settrace(tracer)
        sys._getframe(1).f_trace = tracer


def traced_loop(lst):
    total = 0.0
    for i in range(3):
        lst[0] = total + 1.0
        total += lst[0] * 2.0
    return total


def static_index(t, s):
    # Never run in training: decided without a profile.
    return t[1] * 2.0 + t[-1], s[0]


def identity(a):
    x = y = a[0] * 2.0
    return x is y, x == y


def report(label, f, *args):
    try:
        r = f(*args)
    except Exception as e:
        r = "%s: %s" % (type(e).__name__, e)
    print(label, r)


def run():
    p1, v1, p2, v2 = [0.5, 1.5], [0.0, 0.0], [2.0, -1.0], [0.1, 0.2]
    for _ in range(5):
        print("step", step(p1, v1, p2, v2, 0.01), v1, v2)
    # Contradicting the profile: ints, big ints, a dict, a subclass, tuples.
    report("ints", step, [1, 2], [0, 0], [3, 5], [1, 1], 1)
    report("bigint", step, [10**30, 2.0], [0.0, 0.0], [1.0, 1.0], [0.0, 0.0], 0.5)
    report("dict", step, {0: 1.0, 1: 2.0}, [0.0, 0.0], [0.0, 0.0], {0: 0.0, -1: 0.0, 1: 0.0}, 1.0)
    report("sub", step, Sub([1.0, 2.0]), Sub([0.0, 0.0]), [0.0, 0.0], [0.0, 0.0], 1.0)
    report("tuple-v", step, (1.0, 2.0), (0.0, 0.0), [0.0, 0.0], [0.0, 0.0], 1.0)
    report("short", step, [1.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], 1.0)
    report("str", step, "ab", [0.0, 0.0], "cd", [0.0, 0.0], 1.0)
    a = [float(i) for i in range(8)]
    report("dot", dot, a, a, 8)
    report("dot-tuple", dot, tuple(a), a, 8)
    report("dot-range", dot, range(8), a, 8)
    report("dot-index", dot, a, a, 9)
    report("dot-bool", dot, [1.0, 2.0], [True, False], 2)
    report("dot-mixed", dot, [1.0, "x"], [1.0, 2.0], 2)
    for i, j in [(1, 2), (-1, 0), (True, 2), (2, 3), (10**20, 0)]:
        report("nested %r %r" % (i, j), nested, [a, tuple(a), a], i, j)
    report("scale", scale_into, [0.0] * 4, [1.0, 2.0, 3.0, 4.0], 0.5)
    report("scale-short", scale_into, [0.0] * 2, [1.0, 2.0, 3.0], 0.5)
    report("scale-sub", scale_into, Sub([0.0] * 3), [1.0, 2.0, 3.0], 2.0)
    report("scale-tuple", scale_into, (0.0, 0.0), [1.0, 2.0], 2.0)
    report("scale-int", scale_into, [0, 0], [1, 2], 3)
    report("borrowed", borrowed_then_store, [float("4.25"), 1.0])
    b = [float("7.75")]
    a2 = [Clearer(b, "a0")]
    report("borrowed-ss", borrowed_across_store_subscr, a2, b)
    print("b after", b, "a2", a2)
    report("reads-frame", store_reads_frame, [frame_reader()])
    old = ClearsOuter()
    rows = [[old, Noisy("row item")]]
    old.outer = rows
    del old
    report("borrowed-row", store_into_borrowed_row, rows)
    report("traced", traced_loop, [TraceOn()])
    sys.settrace(None)
    report("static", static_index, (1.0, 2.0, 3.0), "xyz")
    report("static-list", static_index, [1.0, 2.0], ["q"])
    report("static-short", static_index, (1.0,), "")
    report("static-dict", static_index, {1: 1.0, -1: 2.0}, {0: "z"})
    report("identity", identity, [1.25])
    report("identity-int", identity, [3])


if TRAINING:
    train()
else:
    run()
