# Generators, coroutines and async generators resumed natively: send,
# throw into handlers and into `yield from`, close, GeneratorExit in
# finally, StopIteration -> RuntimeError, coroutine origin tracking, and
# frames inspected while suspended.
import sys
import traceback


def counter(n):
    try:
        for i in range(n):
            got = yield i
            if got is not None:
                print("  counter got", got)
    except ValueError as e:
        print("  counter caught", e)
        yield "recovered"
    finally:
        print("  counter finally")
    return "counter done"


def delegate():
    result = yield from counter(3)
    print("  delegate result", result)
    try:
        yield from counter(5)
    except KeyError as e:
        print("  delegate caught", repr(e))
    return "delegate done"


def show(gen, ops):
    for op, arg in ops:
        try:
            if op == "next":
                print(op, next(gen))
            elif op == "send":
                print(op, arg, gen.send(arg))
            elif op == "throw":
                print(op, repr(arg), gen.throw(arg))
            elif op == "close":
                print(op, gen.close())
        except StopIteration as e:
            print(op, "StopIteration", e.value)
        except Exception:
            traceback.print_exc(file=sys.stdout)


show(counter(4), [("next", None), ("send", "a"), ("throw", ValueError("v")), ("next", None)])
show(delegate(), [("next", None), ("next", None), ("next", None), ("next", None),
                  ("throw", KeyError("k")), ("next", None)])
g = delegate()
next(g)
print("suspended at", g.gi_frame.f_lineno, g.gi_yieldfrom.gi_frame.f_lineno)
show(g, [("close", None)])
print("closed", g.gi_frame)


def leaks():
    yield 1
    raise StopIteration("inner")


show(leaks(), [("next", None), ("next", None)])


async def leaf(x):
    return x * 2


async def chain(n):
    total = 0
    for i in range(n):
        total += await leaf(i)
    return total


def run(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value


print("chain", run(chain(5)))
sys.set_coroutine_origin_tracking_depth(2)
c = leaf(1)
print("origin", [(f.rsplit("/", 1)[-1], line, name) for f, line, name in c.cr_origin])
c.close()
sys.set_coroutine_origin_tracking_depth(0)


async def agen(n):
    for i in range(n):
        try:
            yield i
        except GeneratorExit:
            print("  agen exit at", i)
            raise


async def consume():
    out = []
    async for v in agen(3):
        out.append(v)
    it = agen(10)
    out.append(await it.__anext__())
    await it.aclose()
    return out


print("agen", run(consume()))
squares = (i * i for i in range(6) if i % 2)
print("genexpr", list(squares), sum(x for x in range(100)))
