# A container local checked once by a subscript's guard and then indexed without its type check on the rest of the path and around loops (the training run saw lists): the run feeds tuples, list and tuple subclasses, objects with __getitem__, dicts; rebinds the local between subscripts and inside the loop; shrinks the list between two subscripts through a call; stores into a local the path proved a tuple; assigns __class__ of a list; indexes out of range. Functions the training run never called are compiled without a profile.
# pyaot-train: train
import sys

TRAINING = len(sys.argv) > 1


def three(p):
    return p[0] * 100 + p[1] * 10 + p[2]


def walk(p, n):
    t = 0
    i = 0
    while i < n:
        t = t * 3 + p[i]
        i += 1
    return t


def swap_ends(p):
    lo, hi = 0, len(p) - 1
    while lo < hi:
        p[lo], p[hi] = p[hi], p[lo]
        lo += 1
        hi -= 1
    return p


def rebinds(a, b, n):
    p = a
    t = 0
    for i in range(n):
        t += p[0] + p[1]
        p = b if i % 2 else a
        t += p[1]
    return t


def scale(v, k):
    v[0] = v[0] * k
    v[1] = v[1] * k
    v[2] = v[2] * k
    return v


def train():
    t = 0
    for i in range(3000):
        t += three([i, 2, 3]) + walk([1, 2, 3, 4], 4) + swap_ends([1, 2, 3, 4, 5])[0]
        t += rebinds([1, 2], [3, 4], 6) + scale([1.5, 2.5, 3.5], 2.0)[2]
    print("trained", t)


if TRAINING:
    train()
    sys.exit(0)


class L(list):
    def __getitem__(self, i):
        return list.__getitem__(self, i) + 1000


class T(tuple):
    def __getitem__(self, i):
        return -tuple.__getitem__(self, i)


class G:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError("G ends at 3")
        return i * 7


def report(label, f, *args):
    try:
        print(label, f(*args))
    except Exception as exc:
        print(label, type(exc).__name__, exc)


for arg in ([1, 2, 3], (4, 5, 6), L([1, 2, 3]), T((1, 2, 3)), G(), {0: 9, 1: 8, 2: 7}, [1, 2], "789"):
    report("three", three, arg)
for arg in ([1, 2, 3, 4], (1, 2, 3, 4), L([1, 2, 3, 4]), T((1, 2, 3, 4)), G(), [1, 2]):
    report("walk", walk, arg, 4)
for arg in ([1, 2, 3, 4, 5], (1, 2, 3), L([1, 2, 3]), [1.5, "x", None], []):
    report("swap_ends", swap_ends, arg)
report("rebinds", rebinds, [1, 2], (3, 4), 7)
report("rebinds", rebinds, (1, 2), [3, 4], 7)
report("rebinds", rebinds, [1, 2], L([3, 4]), 7)
report("rebinds", rebinds, [1, 2], [3], 7)
report("scale", scale, [1.5, 2.5, 3.5], 2.0)
report("scale", scale, (1.5, 2.5, 3.5), 2.0)
report("scale", scale, L([1.5, 2.5, 3.5]), 2.0)
report("scale", scale, [1, 2, 3], 3)
report("scale", scale, [1.5, 2.5], 2.0)


def shrink_between(p, hook):
    a = p[0] + p[1]
    hook(p)
    return a + p[1]


report("shrink", shrink_between, [1, 2, 3], lambda q: q.pop())
report("shrink", shrink_between, [1, 2, 3], lambda q: q.clear())
report("shrink", shrink_between, [1, 2, 3], lambda q: q.extend(range(100)))


def store_after_tuple(p):
    x = p[0] + p[1]
    p[0] = x
    return p


report("store", store_after_tuple, [1, 2])
report("store", store_after_tuple, (1, 2))


def class_change(p):
    a = p[0]
    try:
        p.__class__ = L
    except TypeError as exc:
        print("class_change", exc)
    return a + p[1]


report("class_change", class_change, [5, 6])


def loop_untrained(p, q, n):
    # never trained: compiled as without a profile; STORE_SUBSCR teaches the list
    t = 0
    for i in range(n):
        q[i % 3] = p[i % 2] + q[(i + 1) % 3]
        t += q[0] + q[1] + q[2]
    return t


report("untrained", loop_untrained, [1, 2], [0, 0, 0], 50)
report("untrained", loop_untrained, (1, 2), [0, 0, 0], 50)
report("untrained", loop_untrained, [1, 2], (0, 0, 0), 50)
report("untrained", loop_untrained, [1, 2], L([0, 0, 0]), 50)
report("untrained", loop_untrained, [1.5, 2], [0, 0.25, 0], 50)


def big_index(p):
    return p[2 ** 40] if len(p) else p[-1]


report("big_index", big_index, [1, 2, 3])
report("big_index", big_index, [])
report("negative", three, [7, 8, 9][::-1])
report("negative", walk, [1, 2, 3], -1)
