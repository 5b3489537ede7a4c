# async/await driven by asyncio.run: coroutines, gather ordering, tasks, async generators, async with, async for.
import asyncio


async def square(x, delay_steps):
    for _ in range(delay_steps):
        await asyncio.sleep(0)
    return x * x


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        await asyncio.sleep(0)
    await q.put(None)


async def consumer(q, log):
    total = 0
    while True:
        item = await q.get()
        if item is None:
            break
        log.append(item)
        total += item
    return total


async def agen(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i * 10


class AsyncRes:
    def __init__(self, log):
        self.log = log

    async def __aenter__(self):
        self.log.append("aenter")
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, et, ev, tb):
        self.log.append("aexit %s" % (et.__name__ if et else None))
        return et is ValueError


class Ticker:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        self.i = 0
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0)
        return self.i


async def failing(n):
    await asyncio.sleep(0)
    raise KeyError("fail%d" % n)


async def main():
    results = await asyncio.gather(*(square(i, 5 - i % 5) for i in range(10)))
    print("gather", results)
    q = asyncio.Queue()
    log = []
    _, total = await asyncio.gather(producer(q, 20), consumer(q, log))
    print("consumer total", total, log[:5])
    print("agen", [x async for x in agen(5)])
    alog = []
    async with AsyncRes(alog) as r:
        alog.append("body")
    async with AsyncRes(alog):
        raise ValueError("suppressed")
    print(alog)
    s = 0
    async for t in Ticker(50):
        s += t
    print("ticker sum", s)
    res = await asyncio.gather(square(3, 1), failing(1), square(4, 0), return_exceptions=True)
    print("with exceptions", [repr(x) for x in res])
    try:
        await failing(2)
    except KeyError as e:
        print("awaited failure", repr(e))
    task = asyncio.create_task(square(12, 3))
    print("task done before await?", task.done())
    print("task result", await task, task.done())
    acc = 0
    for i in range(200):
        acc += await square(i, 0)
    print("acc", acc)
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.001)
    except asyncio.TimeoutError:
        print("timed out")
    return "main done"


print(asyncio.run(main()))
