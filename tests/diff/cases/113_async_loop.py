# await/async with/async for/async generators driven by a hand-written event loop (coroutine.send), custom awaitables, and every awaitable-protocol error message.
import sys
import traceback
import types


def show(label):
    print("---", label)
    traceback.print_exc(file=sys.stdout)


class Suspend:
    """Awaitable that suspends once, handing `tag` to the loop."""

    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        got = yield self.tag
        return "resumed(%s)->%s" % (self.tag, got)


def run(coro):
    """Drive a coroutine to completion, answering each yield with a counter."""
    n = 0
    value = None
    while True:
        try:
            tag = coro.send(value)
        except StopIteration as stop:
            print("  loop: finished after %d steps with %r" % (n, stop.value))
            return stop.value
        n += 1
        print("  loop: step", n, "got", tag)
        value = n * 10


@types.coroutine
def legacy_sleep(tag):
    got = yield ("legacy", tag)
    return got


class AsyncCM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        print("aenter", self.name, await Suspend("enter-" + self.name))
        return self

    async def __aexit__(self, typ, val, tb):
        print("aexit", self.name, typ.__name__ if typ else None, await Suspend("exit-" + self.name))
        return self.suppress


class Ticker:
    def __init__(self, n, fail_at=None):
        self.i = 0
        self.n = n
        self.fail_at = fail_at

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i == self.fail_at:
            raise KeyError("ticker failed at %d" % self.i)
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await Suspend("tick%d" % self.i)
        return self.i


async def agen(n):
    for i in range(n):
        got = await Suspend("agen%d" % i)
        yield i, got
    print("agen exhausted")


async def agen_with_cleanup():
    try:
        yield "first"
        yield "second"
    finally:
        print("agen cleanup runs")


async def basic():
    a = await Suspend("a")
    b = await legacy_sleep("b")
    print("basic:", a, b)
    async with AsyncCM("cm1") as cm:
        print("in body of", cm.name)
    async with AsyncCM("cm2", suppress=True):
        raise ValueError("suppressed by cm2")
    try:
        async with AsyncCM("cm3"):
            raise ValueError("not suppressed")
    except ValueError:
        show("async with re-raised")
    total = 0
    async for v in Ticker(3):
        total += v
    print("ticker total", total)
    try:
        async for v in Ticker(5, fail_at=2):
            print("tick value", v)
    except KeyError:
        show("async for body got __anext__ error")
    async for pair in agen(3):
        print("agen pair", pair)
    print("comprehension", [x async for x, _ in agen(2)])
    g = agen_with_cleanup()
    async for first in g:
        print("break after", first)
        break
    await g.aclose()
    return "basic done"


class NoAwait:
    pass


class AwaitReturnsNonIterator:
    def __await__(self):
        return 5


class AwaitReturnsCoroutine:
    def __await__(self):
        return legacy_sleep("never started")


class AenterNotAwaitable:
    def __aenter__(self):
        return 1

    def __aexit__(self, *a):
        return 2


class AexitNotAwaitable:
    async def __aenter__(self):
        return self

    def __aexit__(self, *a):
        return 2


class NoAiter:
    pass


class AiterWithoutAnext:
    def __aiter__(self):
        return 7


class AnextReturnsJunk:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 3


class OnlyAexit:
    async def __aexit__(self, *a):
        pass


class OnlyAenter:
    async def __aenter__(self):
        pass


async def await_obj(obj):
    return await obj


async def with_obj(obj):
    async with obj:
        print("async with body runs")


async def for_obj(obj):
    async for _ in obj:
        print("async for body runs")


async def await_twice():
    inner = Suspend("shared")

    async def waiter():
        return await inner

    w = waiter()
    w.send(None)
    try:
        await w
    finally:
        w.close()


def gen_yield_from_coroutine():
    c = await_obj(Suspend("never"))
    try:
        yield from c
    finally:
        c.close()


def errors():
    cases = [
        ("await int", lambda: await_obj(5)),
        ("await no __await__", lambda: await_obj(NoAwait())),
        ("__await__ non-iterator", lambda: await_obj(AwaitReturnsNonIterator())),
        ("__await__ coroutine", lambda: await_obj(AwaitReturnsCoroutine())),
        ("aenter not awaitable", lambda: with_obj(AenterNotAwaitable())),
        ("aexit not awaitable", lambda: with_obj(AexitNotAwaitable())),
        ("no __aenter__", lambda: with_obj(OnlyAexit())),
        ("no __aexit__", lambda: with_obj(OnlyAenter())),
        ("no __aiter__", lambda: for_obj(NoAiter())),
        ("__aiter__ without __anext__", lambda: for_obj(AiterWithoutAnext())),
        ("__anext__ junk", lambda: for_obj(AnextReturnsJunk())),
        ("awaited already", await_twice),
    ]
    for label, make in cases:
        coro = make()
        try:
            run(coro)
        except (TypeError, RuntimeError):
            show(label)
        finally:
            coro.close()
    try:
        for x in gen_yield_from_coroutine():
            print("unreachable", x)
    except TypeError:
        show("yield from coroutine in plain generator")


def main():
    print(run(basic()))
    errors()
    steps = 0
    for i in range(50):
        c = await_obj(Suspend(i))
        c.send(None)
        try:
            c.send(i)
        except StopIteration as s:
            steps += len(s.value)
    print("steps", steps)


main()
