# asyncio.run driving async generators (asend/athrow/aclose, async comprehensions), async with/for, gather and TaskGroup errors with except*, and tracebacks through coroutines.
import asyncio
import sys
import traceback


def show(label):
    print("---", label)
    traceback.print_exc(file=sys.stdout)


async def countdown(n, delay=0):
    while n > 0:
        await asyncio.sleep(delay)
        received = yield n
        if received is not None:
            print("countdown received", received)
            n = received
        n -= 1
    print("countdown done")


async def squares(limit):
    async for v in countdown(limit):
        if v % 2:
            yield v * v


async def faulty_agen():
    yield 1
    raise LookupError("agen broke")


async def guarded_agen():
    try:
        yield "a"
        yield "b"
    except ValueError as e:
        print("agen caught", repr(e))
        yield "recovered"
    finally:
        print("guarded_agen finally")


class Resource:
    def __init__(self, name, log):
        self.name = name
        self.log = log

    async def __aenter__(self):
        await asyncio.sleep(0)
        self.log.append("open " + self.name)
        return self

    async def __aexit__(self, typ, val, tb):
        await asyncio.sleep(0)
        self.log.append("close %s (%s)" % (self.name, typ.__name__ if typ else "ok"))
        return typ is KeyError


async def worker(i, log):
    async with Resource("r%d" % i, log):
        await asyncio.sleep(0)
        if i == 2:
            raise KeyError(i)
        if i == 3:
            raise ValueError("worker %d" % i)
        return i * 100


async def fails_after(n, exc):
    for _ in range(n):
        await asyncio.sleep(0)
    raise exc


async def generators():
    print([v async for v in countdown(4)])
    print([s async for s in squares(7)])
    g = countdown(10)
    print(await g.asend(None), await g.asend(3), await g.asend(None))
    try:
        await g.asend(None)
    except StopAsyncIteration:
        print("countdown exhausted via asend")
    try:
        async for v in faulty_agen():
            print("faulty yielded", v)
    except LookupError:
        show("exception from async generator body")
    gg = guarded_agen()
    print(await gg.__anext__())
    print(await gg.athrow(ValueError("thrown in")))
    await gg.aclose()
    print("aclose done")
    g3 = guarded_agen()
    await g3.__anext__()
    try:
        await g3.athrow(TypeError("not caught"))
    except TypeError:
        show("athrow propagated")


async def contexts():
    log = []
    results = await asyncio.gather(*(worker(i, log) for i in (0, 1, 2)), return_exceptions=True)
    print(results)
    try:
        await asyncio.gather(worker(3, log), worker(4, log))
    except ValueError:
        show("gather propagated")
    await asyncio.sleep(0)
    print(sorted(log))


async def task_groups():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails_after(1, ValueError("v")))
            tg.create_task(fails_after(2, TypeError("t")))
            tg.create_task(fails_after(3, OSError("never raised: cancelled")))
    except* ValueError as eg:
        print("ValueErrors:", [str(e) for e in eg.exceptions])
    except* TypeError as eg:
        print("TypeErrors:", [str(e) for e in eg.exceptions])
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails_after(1, KeyError("k")))
    except* KeyError:
        print("KeyError group handled")


async def main():
    await generators()
    await contexts()
    await task_groups()
    try:
        await fails_after(2, RuntimeError("uncaught inside main"))
    except RuntimeError:
        show("awaited coroutine raised")
    return "main done"


print(asyncio.run(main()))
