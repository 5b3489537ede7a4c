# Method leaves that several class bodies define (`output`, `is_input`, `execute`, `is_satisfied` on two or three constraint classes), computed inline by trying each definition in turn (trained on two classes): sites that meet every class, a class whose definition is no leaf, a name four classes define (never inlined), methods that ignore their receiver (`return True`, `pass`) with receivers holding their last reference (their __del__), a subclass overriding one later, a definition's __code__ replaced, a class attribute shadowing, a tracer switched on mid-loop, and identity of what they return.
# pyaot-train: train
import sys

FORWARD = 1


class Constraint:
    def is_input(self):
        return False

    def execute(self):
        pass


class Unary(Constraint):
    def __init__(self, var, satisfied):
        self.var = var
        self.satisfied = satisfied

    def output(self):
        return self.var

    def is_satisfied(self):
        return self.satisfied


class Edit(Unary):
    def is_input(self):
        return True


class Binary(Constraint):
    def __init__(self, v1, v2, direction):
        self.v1 = v1
        self.v2 = v2
        self.direction = direction

    def output(self):
        return self.v2 if self.direction == FORWARD else self.v1

    def is_satisfied(self):
        return self.direction is not None

    def execute(self):
        pass


class Scale(Binary):
    def output(self):
        # a third definition of output, and no leaf: it calls
        return str(Binary.output(self)).upper()


class Four(Constraint):
    def execute(self):
        pass


class Five(Constraint):
    def execute(self):
        pass


def outputs(cs):
    return [c.output() for c in cs]


def named(values, marker):
    return ["marker" if v is marker else v for v in values]


def flags(cs):
    out = []
    for c in cs:
        out.append(c.is_input())
        out.append(c.is_satisfied())
        out.append(c.execute())
    return out


def executes(cs):
    return [c.execute() for c in cs]


def train():
    cs = [Unary("u", True), Binary("a", "b", 1), Binary("c", "d", 0)]
    for _ in range(300):
        outputs(cs)
        flags(cs)
        executes(cs)


class Dying(Binary):
    def __del__(self):
        print("Dying.__del__ from", sys._getframe(1).f_code.co_name)


events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name in ("output", "is_input", "execute"):
        events.append((frame.f_code.co_qualname, event))
    return tracer


def main():
    marker = object()
    cs = [Unary(marker, True), Binary("a", marker, 1), Binary(marker, "d", 0), Edit([1], False),
          Scale("x", "y", 1), Binary("e", "f", None)]
    print(outputs(cs)[1] is marker, outputs(cs)[0] is marker, outputs(cs)[2] is marker)
    print(named(outputs(cs), marker))
    print(flags(cs))
    print(executes(cs + [Four(), Five()]))
    print(flags([Binary(1, 2, 1.0), Binary(1, 2, 10 ** 20), Binary(1, 2, "1")]))
    print(outputs([Binary(1, 2, 1.0), Binary(1, 2, 10 ** 20), Binary(1, 2, "1")]))
    # receivers holding their last reference
    out = []
    for i in range(3):
        out.append(Dying("p", "q", i).output())
        out.append(Dying("p", "q", i).execute())
        out.append(Dying("p", "q", i).is_input())
    print(out)
    # a subclass overriding later, a code replaced, a class attribute
    class Late(Binary):
        pass
    late = Late("l1", "l2", 1)
    print(named(outputs([late, cs[0]]), marker))
    Late.output = lambda self: "late override"
    print(named(outputs([late, cs[0]]), marker))
    code = Unary.output.__code__
    Unary.output.__code__ = (lambda self: "replaced code").__code__
    print(named(outputs([cs[0], cs[1]]), marker))
    Unary.output.__code__ = code
    print(outputs([cs[1], cs[0]])[1] is marker)
    Binary.is_satisfied = "not callable"
    try:
        flags([cs[1]])
    except TypeError as exc:
        print("TypeError:", exc)
    del Binary.is_satisfied
    try:
        flags([cs[1]])
    except AttributeError as exc:
        print("AttributeError:", exc)
    # a missing attribute in one class's definition
    u = Unary("v", True)
    del u.var
    try:
        outputs([cs[1], u])
    except AttributeError as exc:
        tb = exc.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        print("AttributeError:", exc, "in", tb.tb_frame.f_code.co_qualname)
    # a tracer switched on mid-loop
    n = 0
    for i, c in enumerate(cs[:4] * 2):
        if i == 3:
            sys.settrace(tracer)
        c.output()
        c.is_input()
        n += 1
    sys.settrace(None)
    print(n, events)


if sys.argv[1:] == ["train"]:
    train()
else:
    train()
    main()
