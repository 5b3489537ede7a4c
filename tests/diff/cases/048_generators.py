# Generators: send, throw, close, return values, StopIteration.value, generator state, generator expressions.
import inspect


def counter(n):
    i = 0
    while i < n:
        got = yield i
        if got is not None:
            i = got
        else:
            i += 1
    return "counted to %d" % n


def averager():
    total = 0.0
    count = 0
    avg = None
    while True:
        try:
            v = yield avg
        except ValueError as e:
            print("  averager got ValueError:", e)
            avg = -1.0
            continue
        if v is None:
            return (count, total)
        total += v
        count += 1
        avg = total / count


def closable(log):
    try:
        for i in range(10):
            yield i
    except GeneratorExit:
        log.append("GeneratorExit")
        raise
    finally:
        log.append("finally")


def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
        n += 1


def take(it, n):
    out = []
    for x in it:
        if len(out) >= n:
            break
        out.append(x)
    return out


def main():
    g = counter(10)
    print(next(g), next(g), g.send(7), next(g), next(g))
    try:
        next(g)
    except StopIteration as e:
        print("StopIteration value:", e.value)
    a = averager()
    next(a)
    for v in (10, 20, 30, 40):
        print("avg", a.send(v))
    print(a.throw(ValueError("bad sample")))
    print(a.send(50))
    try:
        a.send(None)
    except StopIteration as e:
        print("result", e.value)
    log = []
    c = closable(log)
    print(next(c), next(c), inspect.getgeneratorstate(c))
    c.close()
    print(log, inspect.getgeneratorstate(c))
    c.close()
    try:
        next(c)
    except StopIteration:
        print("closed gen raises StopIteration")
    c2 = closable([])
    try:
        c2.throw(KeyError("before start"))
    except KeyError as e:
        print("throw before start:", repr(e))
    print(take(primes(), 30))
    gsum = 0
    for i in range(300):
        gsum += sum(x for x in counter(i % 17))
    print(gsum)
    ge = (x * x for x in range(5))
    print(type(ge).__name__, list(ge), list(ge))

    def bad():
        yield 1
        raise StopIteration("oops")
    try:
        list(bad())
    except RuntimeError as e:
        print("RuntimeError:", e, "| cause:", repr(e.__cause__))

    def fib():
        a, b = 0, 1
        while True:
            yield a
            a, b = b, a + b
    f = fib()
    print([next(f) for _ in range(20)])
    running = counter(3)
    def reenter():
        return next(running)
    print(next(running))
    g3 = (i for i in range(3))
    print(next(g3), g3.gi_running, g3.gi_frame is not None)


main()
