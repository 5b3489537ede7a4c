# Generators and coroutines in the unboxed tier: trained on ints and floats, then resumed with values that fail its guesses (floats, bigints, strs, int subclasses) so the frame deoptimizes between suspensions and later resumes continue; a generator suspended before its code object switches to the generic body and resumed after; yields inside arithmetic, send() values in arithmetic, throw() and close() into suspended loops with numbers in flight, yield from, tracing switched on between resumes, and async code with numbers around awaits.
# pyaot-train: train
import sys

TRAINING = len(sys.argv) > 1


def running_mean(xs):
    total = 0.0
    n = 0
    for x in xs:
        total = total + x * 1.0
        n = n + 1
        y = yield total / n
        if y is not None:
            total = total - y * 0.5


def counter(start, step):
    i = start
    while i < start + step * 20:
        got = yield i * 2 + 1
        i = i + step
        if got:
            i = i + got


def in_expression(a):
    # the value below the yield is computed in a register first
    v = a * 2.0 + (yield a)
    w = (yield v) - a * 3
    return v + w


class Tag(int):
    def __add__(self, o):
        return Tag(int(self) + int(o) + 1)

    def __repr__(self):
        return "Tag(%d)" % int(self)


def collect(gen, sends):
    out = []
    try:
        out.append(next(gen))
        for s in sends:
            out.append(gen.send(s))
    except StopIteration as stop:
        out.append(("stop", stop.value))
    return out


def inner(n):
    acc = 0
    for k in range(n):
        acc = acc + k * k
        yield acc
    return acc * 2


def outer(n):
    r = yield from inner(n)
    s = r + n * 3
    yield s
    return s - 1


def guarded(limit):
    x = 0
    try:
        while x < limit:
            x = x + 3
            yield x
    except ValueError as exc:
        x = x * 10
        yield ("caught", str(exc), x)
    finally:
        print("guarded finally x =", x)


def switcher(v):
    # one failed guess per fresh generator when v is a float
    s = v + 1
    t = yield s
    yield s * 2 + t


def traced_loop(n):
    t = 0
    for i in range(n):
        t = t + i * 3
        yield t


def tracer(frame, event, arg):
    if frame.f_code.co_name == "traced_loop":
        print("trace", event, frame.f_lineno - frame.f_code.co_firstlineno,
              frame.f_locals.get("t"))
    return tracer


async def ticks(n):
    total = 0
    for i in range(n):
        total = total + i * 2
        await sleep0()
        total = total - 1
    return total


class Sleep0:
    def __await__(self):
        v = yield "tick"
        return v


def sleep0():
    return Sleep0()


def drive(coro, sends):
    out = []
    try:
        out.append(coro.send(None))
        for s in sends:
            out.append(coro.send(s))
    except StopIteration as stop:
        out.append(("done", stop.value))
    return out


def train():
    for _ in range(60):
        collect(running_mean([1, 2, 3, 4]), [None, 2, None])
        collect(counter(0, 1), [0, 1, 0])
        collect(in_expression(3), [4, 5])
        list(outer(5))
        list(guarded(10))
        collect(switcher(5), [6])
        list(traced_loop(4))
        drive(ticks(3), [1, 2, 3])


def main():
    print(collect(running_mean([1, 2, 3, 4]), [None, 2, None]))
    # floats, bigints and strs where the training run saw ints
    print(collect(running_mean([1.5, 2 ** 70, 3, 0.25]), [None, 2 ** 65, 1.5]))
    print(collect(counter(0, 1), [0, 1, 0, 2]))
    print(collect(counter(0.5, 1.25), [0, 0.5, 0]))
    print(collect(counter(2 ** 62, 2 ** 60), [0, 0, 1]))
    print(collect(counter(Tag(5), 1), [0, 0]))
    print(collect(in_expression(3), [4, 5]))
    print(collect(in_expression(1.5), [2.25, 7]))
    try:
        collect(in_expression("ab"), ["cd", "ef"])
    except TypeError as exc:
        print("TypeError", exc)
    print(list(outer(5)), list(outer(0)))
    g = outer(4)
    print(next(g), next(g), g.send(None))
    # throw() and close() into suspended loops
    g = guarded(100)
    print(next(g), next(g), g.throw(ValueError("boom")))
    g.close()
    g = guarded(100)
    print(next(g), next(g))
    g.close()
    g = guarded(6)
    print(list(g))
    g = counter(1, 1)
    next(g)
    try:
        g.throw(KeyError("k"))
    except KeyError as exc:
        print("KeyError out of counter", exc)
    # a generator suspended while its code object still runs the unboxed
    # body, resumed after failed guesses switched it to the generic one
    early = switcher(1)
    print(next(early))
    for k in range(50):
        h = switcher(k + 0.5)
        next(h)
        h.send(k)
    print(early.send(10))
    late = switcher(2)
    print(next(late), late.send(3))
    # tracing switched on between resumes of a suspended generator
    g = traced_loop(6)
    print(next(g), next(g))
    sys.settrace(tracer)
    try:
        print(next(g), next(g))
    finally:
        sys.settrace(None)
    print(list(g))
    print(drive(ticks(3), [1, 2, 3]))
    print(drive(ticks(4), [1.5, "x", None, 4]))
    c = ticks(5)
    c.send(None)
    try:
        c.throw(RuntimeError("stop"))
    except RuntimeError as exc:
        print("RuntimeError", exc)
    print(sum(x * 0.5 for x in range(10) if x % 3), sum(x + 1 for x in [1.5, 2, 2 ** 80]))


if TRAINING:
    train()
else:
    main()
