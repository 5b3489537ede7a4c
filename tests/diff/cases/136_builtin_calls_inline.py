# len(), isinstance() and list.append() inlined at their call sites (from
# the training run's PRECALL forms, or from the names without one), and
# next() and generator/coroutine .send() resuming native generators: the
# real run then meets objects with __len__, metaclass __instancecheck__,
# list subclasses, look-alike append methods, monkeypatched builtins and
# module globals, and every error these raise.
# pyaot-train: train
import builtins
import sys

TRAINING = len(sys.argv) > 1


def sizes(items):
    out = []
    for x in items:
        out.append(len(x))
    return out


def kinds(items, cls):
    n = 0
    for x in items:
        if isinstance(x, cls):
            n += 1
    return n


def grow(target, n):
    for i in range(n):
        target.append(i)
    return target


def counter(n):
    for i in range(n):
        got = yield i
        if got is not None:
            yield ("got", got)
    return "counter done"


def pull(g, default):
    out = []
    while True:
        v = next(g, default)
        if v is default:
            return out
        out.append(v)


def pull_raw(g):
    out = []
    try:
        while True:
            out.append(next(g))
    except StopIteration as e:
        out.append(("stop", e.value))
    return out


def sender(g, values):
    out = [g.send(None)]
    try:
        for v in values:
            out.append(g.send(v))
    except StopIteration as e:
        out.append(("stop", e.value))
    return out


def shout(x):
    return x.upper()


def magnitude(x):
    return abs(x)


async def leaf(x):
    return x + 1


class Pause:
    def __await__(self):
        return (yield "paused")


async def coro(n):
    total = 0
    for i in range(n):
        total += await leaf(i)
        total += await Pause()
    return total


if TRAINING:
    for _ in range(300):
        sizes([[1], "ab", (1, 2, 3), {}])
        kinds([1, "a", 2.0], int)
        grow([], 5)
        pull(counter(3), None)
        pull_raw(counter(2))
        sender(counter(2), [None, None])
        sender(coro(2), [1, 1])
        shout("a")
        magnitude(-2)
    sys.exit(0)


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class Meta(type):
    def __instancecheck__(cls, obj):
        print("  instancecheck", type(obj).__name__)
        return obj == 2


class Checked(metaclass=Meta):
    pass


class LoudList(list):
    def append(self, x):
        print("  LoudList.append", x)
        super().append(x * 10)


class Appender:
    def __init__(self):
        self.got = []

    def append(self, x):
        self.got.append(("appended", x))


print("sizes", sizes([[1, 2], "abc", Sized(7), {1: 2}, range(4)]))
for bad in (Sized(-1), 5, Sized(2 ** 70)):
    try:
        sizes([bad])
    except (ValueError, TypeError, OverflowError) as e:
        print("len error", type(e).__name__, e)

print("kinds", kinds([1, "a", 2.0, True], int), kinds([1, 2, 3], Checked),
      kinds([1, "x"], (str, float)))
try:
    kinds([1], 5)
except TypeError as e:
    print("isinstance error", e)

print("grow list", grow([], 3))
print("grow LoudList", grow(LoudList(), 2))
a = Appender()
grow(a, 2)
print("grow Appender", a.got)
try:
    grow(None, 1)
except AttributeError as e:
    print("append error", e)

# Module globals shadow the builtins, then go away again.
len = lambda x: "shadowed len"
isinstance = lambda x, c: "shadowed isinstance"
print("shadowed", sizes(["abc"]), kinds([1], int))
del len, isinstance
print("restored", sizes(["abc"]), kinds([1], int))
# builtins themselves replaced.
real_len = builtins.len
builtins.len = lambda x: -1
print("patched builtins.len", sizes(["abc", [1]]))
builtins.len = real_len
print("builtins.len back", sizes(["abc", [1]]))

class Upper:
    def upper(self):
        return "Upper.upper"


class Shouty(str):
    pass


print("shout", shout("abc"), shout(Shouty("q")), shout(Upper()))
try:
    shout(5)
except AttributeError as e:
    print("shout error", e)
print("magnitude", magnitude(-3), magnitude(2.5))
abs = lambda x: "shadowed abs"
print("magnitude shadowed", magnitude(-3))
del abs
print("magnitude restored", magnitude(-3))

print("pull", pull(counter(4), None))
print("pull_raw", pull_raw(counter(3)))
g = counter(2)
print("pull exhausted", pull_raw(g), pull_raw(g), pull(g, "d"))
print("pull iterator", pull(iter([1, 2]), None), pull_raw(iter("ab")))
try:
    next(5)
except TypeError as e:
    print("next error", e)


def failing():
    yield 1
    raise KeyError("inside")


try:
    pull(failing(), None)
except KeyError as e:
    print("next propagates", repr(e))


def stops():
    yield 1
    raise StopIteration("leaked")


try:
    pull(stops(), None)
except RuntimeError as e:
    print("next RuntimeError", e, repr(e.__cause__))

print("send", sender(counter(3), ["a", "b", "c", "d"]))
try:
    counter(1).send(5)
except TypeError as e:
    print("send error", e)
try:
    sender(counter(0), [1])
except StopIteration as e:
    print("send on empty", e.value)
print("send coro", sender(coro(3), [10, 20, 30]))
c = coro(1)
print("coro twice", sender(c, [5]))
try:
    c.send(None)
except RuntimeError as e:
    print("coro reuse", e)


def self_send(box):
    yield box[0].send(None)


box = [None]
box[0] = self_send(box)
try:
    next(box[0])
except ValueError as e:
    print("running", e)
