# Generators and coroutines created by direct calls and resumed by
# compiled code without the eval-frame hook (FOR_ITER over a generator,
# SEND for `yield from` and `await`): what the consumer and the generator
# see of each other's frames, exception state, running state and errors.
import inspect
import sys
import traceback


def count(n):
    for i in range(n):
        yield i * i
    return "count returned"          # dropped by a for loop


def consumer_name():
    yield sys._getframe(1).f_code.co_name
    yield sys._getframe(1).f_code.co_name


def state_inside(holder):
    yield inspect.getgeneratorstate(holder[0])
    yield holder[0].gi_running


def raises_stop():
    yield 1
    raise StopIteration("inner")


def fails(n):
    yield n
    raise KeyError(n)


def sees_exc_info():
    yield repr(sys.exc_info()[1])
    try:
        raise ValueError("in gen")
    except ValueError:
        yield repr(sys.exc_info()[1])
    yield repr(sys.exc_info()[1])


def self_next(box):
    yield next(box[0])


def keep_frame(out):
    x = "local kept"
    out.append(sys._getframe())
    yield x
    return x


def chain(depth):
    if depth == 0:
        yield "bottom"
        return 0
    got = yield from chain(depth - 1)
    return got + 1


def recurse_forever(n):
    yield from recurse_forever(n + 1)
    yield n


async def leaf(x):
    return x * 2


async def middle(x):
    a = await leaf(x)
    b = await leaf(a)
    return a + b


class Wait:
    def __await__(self):
        got = yield "suspend"
        return got


async def top(n):
    total = 0
    for i in range(n):
        total += await middle(i)
        total += await Wait()
    return total


async def raises_in_coro():
    await leaf(1)
    raise StopIteration("from coroutine")


def drive(coro, sends):
    out = []
    try:
        out.append(coro.send(None))
        for v in sends:
            out.append(coro.send(v))
    except StopIteration as e:
        out.append(("done", e.value))
    return out


def main():
    print("for over gen:", [v for v in count(5)], sum(count(4)))
    total = 0
    for v in count(1000):
        total += v
    print("loop total:", total)

    names = []
    for n in consumer_name():
        names.append(n)
    print("consumer seen from gen:", names)

    holder = [None]
    holder[0] = state_inside(holder)
    print("state inside:", list(holder[0]), inspect.getgeneratorstate(holder[0]))

    try:
        for v in raises_stop():
            pass
    except RuntimeError as e:
        print("RuntimeError:", e, "| cause:", repr(e.__cause__))

    try:
        for v in fails(7):
            print("got", v)
    except KeyError as e:
        tb = traceback.extract_tb(e.__traceback__)
        print("KeyError", e, [(f.name, f.lineno) for f in tb])

    try:
        raise OSError("outer")
    except OSError:
        print("exc_info in gen:", list(sees_exc_info()))
    print("exc_info in gen, nothing handled:", list(sees_exc_info()))

    box = [None]
    box[0] = self_next(box)
    try:
        for v in box[0]:
            pass
    except ValueError as e:
        print("ValueError:", e)

    frames = []
    g = keep_frame(frames)
    for v in g:
        pass
    f = frames[0]
    print("kept frame:", f.f_locals.get("x"), f.f_back, f.f_lineno, g.gi_frame)

    def outer():
        r = yield from chain(50)
        yield ("result", r)
    print("yield from chain:", list(outer()))

    exhausted = count(2)
    print(list(exhausted), list(exhausted), next(exhausted, "default"))

    try:
        for v in recurse_forever(0):
            pass
    except RecursionError:
        print("RecursionError from a recursive generator")

    print("coroutine:", drive(top(5), [i * 100 for i in range(5)]))
    c = top(3)
    print("coroutine ints:", drive(c, [10, 20, 30]))
    try:
        c.send(None)
    except RuntimeError as e:
        print("RuntimeError:", e)

    async def awaits_twice():
        co = leaf(3)
        first = await co
        try:
            await co
        except RuntimeError as e:
            return (first, str(e))
    print("await twice:", drive(awaits_twice(), []))

    async def awaits_raiser():
        try:
            await raises_in_coro()
        except RuntimeError as e:
            return (str(e), repr(e.__cause__))
    print("coroutine StopIteration:", drive(awaits_raiser(), []))

    # A generator resumed from compiled code, then by the interpreter (via
    # next()), then compiled code again.
    g = count(6)
    a = [next(g)]
    for v in g:
        a.append(v)
        if v == 4:
            a.append(next(g))
    print("mixed resumes:", a)


main()
