# asyncio: interleaving order of tasks with sleep(0), cancellation, TaskGroup (3.11), Events, Locks, except* with TaskGroup.
import asyncio

order = []


async def worker(name, n):
    for i in range(n):
        order.append("%s%d" % (name, i))
        await asyncio.sleep(0)
    return name * n


async def cancellable(log):
    try:
        while True:
            await asyncio.sleep(0)
            log.append("tick")
    except asyncio.CancelledError:
        log.append("cancelled")
        raise
    finally:
        log.append("cleanup")


async def waiter(ev, log, name):
    await ev.wait()
    log.append(name + " woke")


async def locked_inc(lock, state, n):
    for _ in range(n):
        async with lock:
            v = state["v"]
            await asyncio.sleep(0)
            state["v"] = v + 1


async def bad(n):
    await asyncio.sleep(0)
    raise ValueError("bad %d" % n)


async def main():
    res = await asyncio.gather(worker("a", 3), worker("b", 2), worker("c", 4))
    print(res)
    print(order)
    log = []
    t = asyncio.create_task(cancellable(log))
    for _ in range(3):
        await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled:", t.cancelled(), log)
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(worker("x", 2))
        t2 = tg.create_task(worker("y", 1))
    print("taskgroup", t1.result(), t2.result())
    ev = asyncio.Event()
    wlog = []
    ws = [asyncio.create_task(waiter(ev, wlog, "w%d" % i)) for i in range(3)]
    await asyncio.sleep(0)
    wlog.append("setting")
    ev.set()
    await asyncio.gather(*ws)
    print(wlog)
    lock = asyncio.Lock()
    state = {"v": 0}
    await asyncio.gather(*(locked_inc(lock, state, 50) for _ in range(4)))
    print("locked counter", state["v"])
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(bad(1))
            tg.create_task(bad(2))
            tg.create_task(worker("z", 1))
    except* ValueError as eg:
        print("taskgroup errors", sorted(str(e) for e in eg.exceptions))
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, "future value")
    print(await fut)


asyncio.run(main())
