# Predicate leaves computed inline (trained on bools and small ints): methods and functions whose body only tests, compares and returns attributes of their arguments and constants (`if self.held: return False; return not self.waiting or self.inbox is not None`), where reality differs: ints, None, strs, lists, floats with NaN, bigints and objects with __bool__ (printing, raising, returning a non-bool) in the attributes; `and`/`or` returning the operand objects themselves (identity) and constants (identity); a missing attribute (the traceback); the method replaced, its __code__ replaced, shadowed by an instance attribute; four subclasses at one site; a receiver holding its last reference (its __del__); a module global compared with (rebound to a float, a str, a bigint, deleted: the NameError); a tracer switched on mid-loop; the recursion limit; more returns than are inlined.
# pyaot-train: train
import sys


class Task:
    def __init__(self, held, waiting, inbox):
        self.held = held
        self.waiting = waiting
        self.inbox = inbox

    def runnable(self):
        if self.held:
            return False
        return not self.waiting or self.inbox is not None

    def pick(self):
        return self.inbox and self.waiting or "neither"

    def first(self):
        return self.held or self.inbox

    def bounded(self):
        return 0 <= self.waiting < 10

    def kind(self):
        if self.inbox is None:
            return "empty"
        if self.held:
            return "held"
        if self.waiting > 5:
            return "busy"
        return "idle"


class Idle(Task):
    pass


class Busy(Task):
    pass


class Disk(Task):
    pass


class Router(Task):
    pass


FORWARD = 1


class Pair:
    def __init__(self, a, b, direction):
        self.a = a
        self.b = b
        self.direction = direction

    def input(self):
        return self.a if self.direction == FORWARD else self.b


def inputs(pairs):
    return [p.input() for p in pairs]


def show_globals():
    global FORWARD
    pairs = [Pair("a", "b", 1), Pair("c", "d", 0), Pair("e", "f", 1.0), Pair("g", "h", 10 ** 20)]
    show("globals", inputs, pairs)
    FORWARD = 0.0
    show("float global", inputs, pairs)
    FORWARD = "x"
    show("str global", inputs, pairs)
    FORWARD = 10 ** 20
    show("bigint global", inputs, pairs)
    del FORWARD
    show("deleted global", inputs, pairs)
    FORWARD = 1
    show("restored global", inputs, pairs)


def positive(p):
    return p.held > 0


def many(t):
    if t.held == 0:
        return "a"
    if t.held == 1:
        return "b"
    if t.held == 2:
        return "c"
    if t.held == 3:
        return "d"
    if t.held == 4:
        return "e"
    if t.held == 5:
        return "f"
    if t.held == 6:
        return "g"
    if t.held == 7:
        return "h"
    return "i"


class Loud:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        print("Loud.__bool__", self.v)
        return self.v


class Raises:
    def __bool__(self):
        raise ValueError("no truth here")


class NotBool:
    def __bool__(self):
        return 2


def describe(tasks):
    out = []
    for t in tasks:
        out.append(t.runnable())
        out.append(t.kind())
        out.append(t.bounded())
        out.append(positive(t))
        out.append(many(t))
    return out


def loop(tasks):
    n = 0
    for t in tasks:
        if t.runnable():
            n += 1
    return n


def show(label, f, *args):
    try:
        print(label, f(*args))
    except Exception as exc:
        tb = exc.__traceback__
        names = []
        while tb is not None:
            names.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        print(label, "raised", type(exc).__name__, exc, names)


def train():
    tasks = [Task(False, True, None), Task(True, False, 1), Task(False, False, None),
             Task(False, True, 3)]
    pairs = [Pair(1, 2, 1), Pair(3, 4, 0)]
    for _ in range(300):
        inputs(pairs)
        describe(tasks)
        loop(tasks)
        for t in tasks:
            t.pick()
            t.first()


def main():
    base = [Task(False, True, None), Task(True, False, 1), Task(False, False, None),
            Task(False, True, 3), Task(False, 7, 2)]
    show("bools", describe, base)
    show("loop", loop, base * 10)
    odd = [Task(0, 1, None), Task(2, 0, 0), Task("", "", ""), Task("x", [], []),
           Task(None, [1], ()), Task(0.0, float("nan"), 0.5), Task(10 ** 30, -(10 ** 30), 1),
           Task(False, 3.5, 1), Task(1, 12, True)]
    for t in odd:
        show("odd", describe, [t])
    show("loud", describe, [Task(Loud(True), Loud(False), None), Task(Loud(False), True, 5)])
    show("raises", describe, [Task(Raises(), True, None)])
    show("raises2", describe, [Task(False, Raises(), None)])
    show("notbool", describe, [Task(NotBool(), True, None)])
    show("notbool2", describe, [Task(False, NotBool(), 1)])
    show("strcmp", describe, [Task("a", "b", 1)])
    # and/or give back the operands themselves, and constants as they are
    marker = object()
    lst = [1]
    t = Task(False, lst, marker)
    print("pick is lst", t.pick() is lst, "first is marker", t.first() is marker)
    t = Task(0, 0, 0)
    print("pick", repr(t.pick()), "first", repr(t.first()))
    print("neither is constant", Task(0, 0, 0).pick() is Task(1, 1, 0).pick())
    # a missing attribute
    t = Task(False, True, None)
    del t.inbox
    show("missing", loop, [t])
    # four subclasses at one site
    mixed = [Idle(False, True, None), Busy(False, False, None), Disk(True, True, 1),
             Router(False, True, 2), Task(False, False, 1)]
    show("mixed", loop, mixed * 20)
    show("mixed describe", describe, mixed)
    # shadowed, replaced, code replaced
    t = Task(False, False, None)
    t.runnable = lambda: "instance attribute"
    show("shadowed", describe, [t])
    saved = Task.runnable
    Task.runnable = lambda self: "replaced"
    show("replaced", loop, base)
    show("replaced describe", describe, base[:2])
    Task.runnable = saved
    code = Task.kind.__code__
    Task.kind.__code__ = (lambda self: "new code").__code__
    show("code replaced", describe, base[:2])
    Task.kind.__code__ = code
    show("restored", describe, base[:2])


class Dying(Task):
    def __del__(self):
        print("Dying.__del__", sys._getframe(1).f_code.co_name)


def last_reference():
    out = []
    for i in range(3):
        out.append(Dying(False, i == 1, None).runnable())
    print("last reference", out)


events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name in ("runnable", "kind"):
        events.append((frame.f_code.co_name, event))
    return tracer


def traced():
    tasks = [Task(False, False, None)] * 5
    n = 0
    for i, t in enumerate(tasks):
        if i == 2:
            sys.settrace(tracer)
        if t.runnable() and t.kind():
            n += 1
    sys.settrace(None)
    print("traced", n, events)


def deep(n, t):
    if n == 0:
        return t.runnable()
    return deep(n - 1, t)


def depth():
    f, n = sys._getframe(1), 0
    while f is not None:
        n, f = n + 1, f.f_back
    return n


def recursion():
    t = Task(False, True, 1)
    d = depth()
    for k in range(-2, 4):
        sys.setrecursionlimit(60)
        try:
            print("depth", k, deep(60 - d - k, t))
        except RecursionError as exc:
            print("depth", k, "RecursionError", exc)
        finally:
            sys.setrecursionlimit(1000)


if sys.argv[1:] == ["train"]:
    train()
else:
    train()
    main()
    show_globals()
    last_reference()
    traced()
    recursion()
