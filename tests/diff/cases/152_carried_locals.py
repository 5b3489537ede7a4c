# Knowledge of locals carried into loop heads and jump targets: int counters and float accumulators around while and for loops, if/else arms entered with what the test knew, a local the loop only reads checked once on the way in (an int, a float, a str, unbound; zero-trip and non-empty loops), locals first assigned inside the loop, changing type from one iteration to the next (int to float, int past 64 bits, to a str), deleted on one path, rebound on a rare path, loops in generators and under try/except with continue, and a tracer switched on in the middle of a loop.
# pyaot-train: train
import sys


def merge(a, b):
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out, i, j


def merge_sort(xs):
    if len(xs) <= 1:
        return xs
    mid = len(xs) // 2
    a = merge_sort(xs[:mid])
    b = merge_sort(xs[mid:])
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out


def scaled_sum(xs, scale):
    total = 0.0
    for x in xs:
        total += x * scale
    return total


def count_to(n, step):
    i = 0
    k = 0
    while i < n:
        i += step
        k += 1
    return i, k


def first_inside(n):
    for x in range(n):
        y = x * 2.5
        z = y + 1
    return y, z


def unbound_after(n):
    for x in range(n):
        w = x + 1
    return w


def changing(n):
    x = 1
    out = []
    for k in range(n):
        if k == 3:
            x = x / 2
        elif k == 5:
            x = 2 ** 70
        elif k == 7:
            x = "s"
        elif k == 8:
            x = 5
        out.append(x * 3)
    return out


def growing(n):
    x = 3
    for _ in range(n):
        x = x * 3 + 1
    return x


def deleted(n):
    out = []
    v = 0
    for k in range(n):
        v += k
        if k % 3 == 2:
            del v
            v = 100
        out.append(v)
    return out


def rare_rebind(xs, lim):
    acc = 0
    for x in xs:
        if x > 1000:
            lim = float(lim)
        acc += x if x < lim else lim
    return acc, lim


def nested(n, m, f):
    acc = 0.0
    for i in range(n):
        for j in range(m):
            acc += f * i - j
    return acc


def gen(n, scale):
    t = 0
    for i in range(n):
        t += i * scale
        yield t
        t -= 1


def guarded(xs, d):
    out = []
    for x in xs:
        try:
            out.append(x // d)
        except ZeroDivisionError:
            d += 1
            continue
        d -= 1
    return out


events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name == "traced_loop":
        events.append((event, frame.f_lineno - traced_loop.__code__.co_firstlineno))
    return tracer


def traced_loop(n, on):
    s = 0
    i = 0
    while i < n:
        s += i
        if i == on:
            sys._getframe().f_trace = tracer
            sys.settrace(tracer)
        i += 1
    sys.settrace(None)
    return s, i


def run(train):
    r = list(range(0, 40, 3))
    q = list(range(1, 40, 4))
    print("merge", merge(r, q))
    print("merge floats", merge([0.5, 1.5, 9.0], [1.0, 2.0]))
    if not train:
        print("merge strs", merge(["a", "c"], ["b", "d", "e"]))
        print("merge mixed", merge([1, 2.5, 3], [2, 2.25]))
    xs = [(k * 7919) % 103 for k in range(60)]
    print("sorted", merge_sort(xs) == sorted(xs), merge_sort(xs[:9]))
    if not train:
        print("sorted floats", merge_sort([2.5, 1, 0.5, 3, 2]), merge_sort(list("pyaot")))
    print("scaled", scaled_sum([1.0, 2.0, 3.5], 2.0), scaled_sum(range(10), 3))
    if not train:
        print("scaled int", scaled_sum([1, 2, 3], 2))
        print("scaled big", scaled_sum([1, 2], 2 ** 65))
        print("scaled empty str", scaled_sum([], "x"))
        for xs in ([1, 2], [1.5]):
            try:
                scaled_sum(xs, "ab")
            except TypeError as e:
                print("TypeError", e)
    print("count", count_to(10, 3), count_to(0, 1))
    if not train:
        print("count float step", count_to(10, 2.5))
        print("count float bound", count_to(7.5, 2))
        print("count big", count_to(2 ** 64, 2 ** 62))
    print("first inside", first_inside(5))
    print("unbound after", unbound_after(4))
    if not train:
        try:
            unbound_after(0)
        except UnboundLocalError as e:
            print("UnboundLocalError", e)
        try:
            first_inside(0)
        except UnboundLocalError as e:
            print("UnboundLocalError", e)
    print("changing", changing(5 if train else 10))
    print("growing", growing(5 if train else 50))
    print("deleted", deleted(8))
    print("rare", rare_rebind([1, 5, 9, 3], 6))
    if not train:
        print("rare taken", rare_rebind([1, 5, 2000, 9, 3], 6))
    print("nested", nested(4, 3, 0.5))
    if not train:
        print("nested int", nested(4, 3, 2))
        print("nested zero trip", nested(0, 3, "s"), nested(3, 0, "s"))
    print("gen", list(gen(5, 2)))
    if not train:
        print("gen float", list(gen(4, 0.5)))
        g = gen(6, 1)
        print("gen partial", next(g), next(g), g.send(None))
        g.close()
    print("guarded", guarded([10, 20, 30, 40], 1))
    if not train:
        print("guarded zero", guarded([10, 20, 30, 40], 0))
        print("guarded float", guarded([10, 20, 30], 0.5))
    events.clear()
    print("traced", traced_loop(6, 10 if train else 3))
    print("events", events)


train = len(sys.argv) > 1 and sys.argv[1] == "train"
for _ in range(3 if train else 1):
    run(train)
