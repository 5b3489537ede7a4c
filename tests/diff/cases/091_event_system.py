# An event system combining closures, decorators with arguments, class decorators, bound methods as callbacks, and priority ordering.
import functools


class Bus:
    def __init__(self):
        self.handlers = {}
        self.fired = 0

    def on(self, event, priority=0):
        def deco(fn):
            self.handlers.setdefault(event, []).append((priority, len(self.handlers.get(event, [])), fn))
            return fn
        return deco

    def emit(self, event, *args, **kw):
        self.fired += 1
        results = []
        for prio, order, fn in sorted(self.handlers.get(event, []), key=lambda t: (-t[0], t[1])):
            r = fn(*args, **kw)
            results.append(r)
            if r == "stop":
                break
        return results


bus = Bus()
audit = []


def audited(label):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            audit.append("%s:%s" % (label, fn.__name__))
            return fn(*a, **k)
        return wrapper
    return deco


@bus.on("greet")
@audited("low")
def greet_plain(name):
    return "hello " + name


@bus.on("greet", priority=10)
@audited("high")
def greet_loud(name):
    return "HELLO " + name.upper()


@bus.on("greet", priority=5)
def greet_stopper(name):
    return "stop" if name == "stop" else "pass"


def autoregister(event):
    def deco(cls):
        inst = cls()
        bus.on(event, priority=cls.priority)(inst.handle)
        return cls
    return deco


@autoregister("tick")
class Counter:
    priority = 1

    def __init__(self):
        self.n = 0

    def handle(self, step=1):
        self.n += step
        return self.n


@autoregister("tick")
class Doubler:
    priority = 2

    def __init__(self):
        self.v = 1

    def handle(self, step=1):
        self.v *= 2
        return self.v % 1000


def make_accumulator(event):
    seen = []

    def handler(*args, **kw):
        seen.append((args, tuple(sorted(kw.items()))))
        return len(seen)
    bus.on(event)(handler)
    return seen


def main():
    print(bus.emit("greet", "ann"))
    print(bus.emit("greet", "stop"))
    print(bus.emit("none"))
    print(audit)
    for i in range(100):
        r = bus.emit("tick", step=i % 3)
    print(r, bus.fired)
    seen = make_accumulator("data")
    for i in range(5):
        bus.emit("data", i, key="k%d" % i)
    print(seen[-2:], len(seen))
    print(greet_plain.__name__, greet_loud.__wrapped__("x"), sorted(bus.handlers))


main()
