"""Coroutines (async def / await) driven by a small hand-written event loop.

The loop keeps a ready queue and a timer heap in virtual time. Coroutines
await sleeps, bounded channels and join other tasks; a producer fans work out
to a pool of workers through one channel, results come back through another,
and a supervisor waits for every worker. No asyncio involved.

usage: bm_coroutines.py [SIZE]   (SIZE = work items)
"""

import heapq
from collections import deque

DEFAULT_SIZE = 60000


class Suspend:
    """Awaitable that hands a request to the loop and returns its answer."""
    __slots__ = ("request", "arg")

    def __init__(self, request, arg):
        self.request = request
        self.arg = arg

    def __await__(self):
        return (yield self)


class Task:
    __slots__ = ("coro", "result", "done", "joiners", "name")

    def __init__(self, coro, name):
        self.coro = coro
        self.result = None
        self.done = False
        self.joiners = []
        self.name = name


class Loop:
    def __init__(self):
        self.now = 0
        self.ready = deque()
        self.timers = []
        self.seq = 0
        self.switches = 0

    def spawn(self, coro, name=""):
        task = Task(coro, name)
        self.ready.append((task, None))
        return task

    def wake(self, task, value):
        self.ready.append((task, value))

    def run(self):
        ready = self.ready
        while ready or self.timers:
            if not ready:
                when, _, task = heapq.heappop(self.timers)
                self.now = when
                ready.append((task, None))
                continue
            task, value = ready.popleft()
            self.switches += 1
            try:
                req = task.coro.send(value)
            except StopIteration as stop:
                task.done = True
                task.result = stop.value
                for j in task.joiners:
                    self.wake(j, stop.value)
                continue
            kind = req.request
            if kind == "sleep":
                self.seq += 1
                heapq.heappush(self.timers, (self.now + req.arg, self.seq, task))
            elif kind == "join":
                target = req.arg
                if target.done:
                    self.wake(task, target.result)
                else:
                    target.joiners.append(task)
            elif kind == "park":
                req.arg.append(task)
            else:
                raise RuntimeError("unknown request %r" % (kind,))


async def sleep(ticks):
    await Suspend("sleep", ticks)


async def join(task):
    return await Suspend("join", task)


class Channel:
    def __init__(self, loop, capacity):
        self.loop = loop
        self.capacity = capacity
        self.items = deque()
        self.getters = deque()
        self.putters = deque()

    async def put(self, item):
        while len(self.items) >= self.capacity:
            await Suspend("park", self.putters)
        self.items.append(item)
        if self.getters:
            self.loop.wake(self.getters.popleft(), None)

    async def get(self):
        while not self.items:
            await Suspend("park", self.getters)
        item = self.items.popleft()
        if self.putters:
            self.loop.wake(self.putters.popleft(), None)
        return item


async def transform(value):
    # A chain of awaits that completes without suspending.
    if value % 5 == 0:
        await sleep(1)
    return value * value % 10007


async def worker(ident, jobs, results):
    handled = 0
    while True:
        job = await jobs.get()
        if job is None:
            return handled
        out = await transform(job)
        if job % 3 == ident % 3:
            await sleep(ident + 1)
        await results.put((job, out, ident))
        handled += 1


async def producer(n, jobs, nworkers):
    for i in range(n):
        await jobs.put(i)
        if i % 50 == 0:
            await sleep(2)
    for _ in range(nworkers):
        await jobs.put(None)


async def collector(n, results):
    acc = 0
    for _ in range(n):
        job, out, ident = await results.get()
        acc = (acc * 31 + job * 7 + out + ident) % 1000000007
    return acc


async def supervisor(loop, n, nworkers):
    jobs = Channel(loop, 8)
    results = Channel(loop, 4)
    workers = [loop.spawn(worker(i, jobs, results), "w%d" % i) for i in range(nworkers)]
    loop.spawn(producer(n, jobs, nworkers), "producer")
    coll = loop.spawn(collector(n, results), "collector")
    handled = []
    for w in workers:
        handled.append(await join(w))
    acc = await join(coll)
    return acc, handled


def run(size):
    loop = Loop()
    main_task = loop.spawn(supervisor(loop, size, 6), "main")
    loop.run()
    acc, handled = main_task.result
    if sum(handled) != size:
        raise AssertionError("lost work: %r" % (handled,))
    return "%d %d %d %s" % (acc, loop.now, loop.switches, ",".join(map(str, handled)))


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
