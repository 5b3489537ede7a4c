# Calls of pure leaves computed inline (trained on ints and floats), where reality differs: identity of returned arguments, constants and shared results; floats, bools, bigints, strs and int subclasses with their own operators where ints were seen; an overflow past 64 bits and a division by zero inside the leaf (its traceback); the global rebound to another function, to a copy of the same code, and back; __code__ replaced; keyword and wrong-count calls; a leaf returning an int where a float was expected; a tracer and a profiler switched on in the middle of a loop of inlined calls; tracemalloc; RecursionError at the limit; a leaf whose name is bound twice; a leaf referenced only by the stack.
# pyaot-train: train
import sys


def entry(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def mix(a, b):
    return a * 3 - b


def scale(x, k):
    y = x * k
    return y + 0.5 * x


def twice(n):
    return n + n


def twice(n):  # noqa: F811  bound twice: never inlined, still exact
    return n * 2


def ident(a):
    return a


def konst(a):
    return 2.5


def halve(x):
    return x * 0.5


SHARED = 10.0 ** 20


def lone(n):
    return n + 1


def quot(a, b):
    return a // b + a % b


def spectral(n):
    acc = 0.0
    for i in range(n):
        for j in range(n):
            acc += entry(i, j) * 1.5
    return acc


def mixes(vals):
    return [mix(a, b) for a, b in vals]


def loop_mix(pairs):
    out = []
    for a, b in pairs:
        out.append(mix(a, b))
    return out


def loop_scale(xs, k):
    t = 0.0
    for x in xs:
        t += scale(x, k)
    return t


def loop_quot(pairs):
    t = 0
    for a, b in pairs:
        t += quot(a, b)
    return t


def loop_twice(n):
    t = 0
    for i in range(n):
        t += twice(i)
    return t


def train():
    for _ in range(30):
        spectral(12)
        loop_mix([(i, i + 1) for i in range(20)])
        loop_scale([i * 0.25 for i in range(20)], 1.5)
        loop_quot([(i + 7, i % 5 + 1) for i in range(20)])
        loop_twice(20)
        for i in range(20):
            lone(i)
            ident(i)
            konst(i)
            halve(i * 0.5)


class Odd(int):
    def __mul__(self, other):
        return Odd(int(self) * int(other) + 1)

    def __repr__(self):
        return "Odd(%d)" % int(self)


def show(label, f, *args):
    try:
        print(label, repr(f(*args)))
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


def main():
    print("spectral", "%.12f" % spectral(30))
    show("mix ints", loop_mix, [(i, 2 * i) for i in range(10)])
    show("mix floats", loop_mix, [(i + 0.5, 2.0) for i in range(5)])
    show("mix bools", loop_mix, [(True, False), (False, True)])
    show("mix big", loop_mix, [(2 ** 62, 1), (-(2 ** 62), 1), (2 ** 80, 3)])
    show("mix strs", loop_mix, [("ab", "c")])
    show("mix subclass", loop_mix, [(Odd(4), 1), (Odd(5), Odd(2))])
    show("mixes", mixes, [(1, 2), (3.5, 1), (4, 0.25)])
    show("scale floats", loop_scale, [0.5, 1.5, -2.0], 3.0)
    show("scale ints", loop_scale, [1, 2, 3], 2)
    show("scale mixed", loop_scale, [1, 2.5, 3], 2)
    show("scale overflow", loop_scale, [1e308, 1.0], 10.0)
    show("scale nan", loop_scale, [float("nan"), float("inf")], 0.0)
    show("quot", loop_quot, [(7, 2), (-7, 2), (7, -2), (2 ** 40, 3)])
    show("quot zero", loop_quot, [(7, 2), (1, 0)])
    show("twice", loop_twice, 10)
    show("entry zero", entry, -1, 0)

    # Tracebacks from inside the leaf: the real call raised it.
    try:
        loop_quot([(3, 1), (3, 0)])
    except ZeroDivisionError:
        tb = sys.exc_info()[2]
        names = []
        while tb is not None:
            names.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
            tb = tb.tb_next
        print("traceback", names)

    # Rebinding the global: another function, a copy of the code, back.
    global mix
    original = mix
    mix = lambda a, b: (a, b)  # noqa: E731
    show("rebound", loop_mix, [(1, 2)])
    mix = type(original)(original.__code__, globals(), "mix")
    show("same code", loop_mix, [(1, 2), (3, 4)])
    mix = original
    show("back", loop_mix, [(1, 2)])
    saved = mix.__code__
    mix.__code__ = (lambda a, b: a - b * 100).__code__
    show("new __code__", loop_mix, [(1, 2), (5, 1)])
    mix.__code__ = saved
    show("old __code__", loop_mix, [(1, 2)])
    show("keywords", lambda: [mix(a=1, b=2), mix(1, b=5)])
    show("too few", lambda: mix(1))
    show("too many", lambda: mix(1, 2, 3))

    # Identity: an argument or constant returned as it is stays itself;
    # a rebound name's shared result is not boxed again.
    big = 2 ** 40 + 1
    print("identity", ident(big) is big, konst(1) is konst(2),
          [ident(x) is x for x in (big, 1.5, -7)])
    global halve
    saved_halve = halve
    halve = lambda x: SHARED  # noqa: E731
    print("shared", [halve(x) is SHARED for x in (1.0, 2.0)],
          [halve(x) + 1.0 for x in (1.0, 2.0)])
    halve = saved_halve
    print("halve", [halve(x) for x in (1.0, 2.0)])

    # A float leaf given ints returns an int: the caller goes on exactly.
    show("int from float leaf", loop_scale, [2, 4], 0)

    # A tracer and a profiler switched on in the middle of a loop.
    events = []

    def tracer(frame, event, arg):
        if frame.f_code.co_name in ("mix", "loop_traced"):
            events.append((frame.f_code.co_name, event, frame.f_lineno))
        return tracer

    def loop_traced(n):
        out = []
        for i in range(n):
            if i == 3:
                sys.settrace(tracer)
            out.append(mix(i, 1))
        sys.settrace(None)
        return out

    print("traced", loop_traced(5))
    print("events", events)
    calls = []

    def profiler(frame, event, arg):
        if event == "call":
            calls.append(frame.f_code.co_name)

    def loop_profiled(n):
        t = 0
        for i in range(n):
            if i == 2:
                sys.setprofile(profiler)
            t += mix(i, 2)
        sys.setprofile(None)
        return t

    print("profiled", loop_profiled(5), calls)

    import tracemalloc
    tracemalloc.start(5)
    print("tracemalloc", loop_scale([0.5, 1.5, 2.5], 3.0))
    tracemalloc.stop()

    # RecursionError exactly where the real call would raise it.
    def deep(n):
        if n == 0:
            return mix(1, 2)
        return deep(n - 1)

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(60)
    for depth in range(40, 70):
        try:
            deep(depth)
        except RecursionError:
            print("recursion error from depth", depth)
            break
    sys.setrecursionlimit(limit)

    # The stack's reference as the last one: the global is dropped while
    # the arguments are evaluated.
    def drop_global():
        global lone
        del lone
        return 4

    def last_ref():
        return lone(drop_global())

    show("last reference", last_ref)


main()
