# Profile-guided code under sys.settrace switched on/off mid-loop inside a callee, deep recursion near the limit, generators.
# pyaot-train: train
import sys

TRAINING = len(sys.argv) > 1
EVENTS = []
OWN = {"fib", "depth", "gen_source", "gen_square", "gen_take", "pipeline", "step",
       "hot_loop", "tracer", "untrace"}


def tracer(frame, event, arg):
    name = frame.f_code.co_name
    if name in OWN:
        EVENTS.append((name, event, frame.f_lineno - frame.f_code.co_firstlineno))
    return tracer


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1


def gen_source(n):
    for i in range(n):
        yield i


def gen_square(it):
    for v in it:
        yield v * v


def gen_take(it, k):
    for v in it:
        if k <= 0:
            return
        k -= 1
        yield v


def pipeline(n, k):
    return sum(gen_take(gen_square(gen_source(n)), k))


def step(i, switch_on, switch_off):
    if i == switch_on:
        sys.settrace(tracer)
    if i == switch_off:
        sys.settrace(None)
    return i * 2 + 1


def hot_loop(n, switch_on=-1, switch_off=-1):
    total = 0
    for i in range(n):
        total += step(i, switch_on, switch_off)
    return total


def train():
    t = 0
    for _ in range(200):
        t += fib(10)
    for _ in range(300):
        t += depth(50)
        t += pipeline(20, 15)
    t += hot_loop(5000)
    print("trained", t)


def real():
    print("fib", fib(15), "depth", depth(200), "pipeline", pipeline(30, 10))
    print("hot_loop", hot_loop(3000))
    # tracing switched on inside the callee, in the middle of the loop
    r = hot_loop(10, switch_on=4, switch_off=7)
    sys.settrace(None)
    print("traced hot_loop", r)
    for e in EVENTS:
        print("  ", e)
    EVENTS.clear()
    # tracing over a recursive call and a generator pipeline
    sys.settrace(tracer)
    a = fib(3)
    b = pipeline(4, 2)
    sys.settrace(None)
    print("traced fib/pipeline", a, b, len(EVENTS))
    for e in EVENTS:
        print("  ", e)
    EVENTS.clear()
    print("after tracing", hot_loop(3000), fib(12), pipeline(10, 5))

    # deep recursion near the limit
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(400)
    try:
        for n in (100, 300, 390, 420, 10000):
            try:
                print("depth", n, depth(n))
            except RecursionError as e:
                print("depth", n, "RecursionError:", e)
        # still usable afterwards
        print("depth after", depth(50), fib(10))
    finally:
        sys.setrecursionlimit(old)

    # a generator driven through direct calls
    g = gen_square(gen_source(6))
    print("next", next(g), next(g), g.send(None))
    print("rest", list(g))
    try:
        next(g)
    except StopIteration:
        print("exhausted")
    g = gen_take(gen_source(100), 3)
    print("take", [v for v in g])
    g = gen_source(5)
    next(g)
    try:
        g.throw(ValueError("boom"))
    except ValueError as e:
        print("thrown", e)
    g = gen_square(iter([1, "x"]))
    print(next(g))
    try:
        next(g)
    except TypeError as e:
        print("TypeError", e)


if TRAINING:
    train()
else:
    real()
