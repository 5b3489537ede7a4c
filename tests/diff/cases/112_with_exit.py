# with statements: __exit__ that suppresses or not, __enter__/__exit__ raising, missing protocol methods, nesting, return/break/continue through with, contextlib, tracebacks after the exit re-raises.
import contextlib
import sys
import traceback


def show(label):
    print("---", label)
    traceback.print_exc(file=sys.stdout)


class CM:
    def __init__(self, name, suppress=False, fail_enter=False, fail_exit=False):
        self.name = name
        self.suppress = suppress
        self.fail_enter = fail_enter
        self.fail_exit = fail_exit

    def __enter__(self):
        print("enter", self.name)
        if self.fail_enter:
            raise OSError("enter failed: " + self.name)
        return self

    def __exit__(self, typ, val, tb):
        print("exit", self.name, typ.__name__ if typ else None, val,
              tb is not None and tb.tb_lineno > 0)
        if self.fail_exit:
            raise RuntimeError("exit failed: " + self.name)
        return self.suppress


class Truthy:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        print("truth test of exit result")
        return self.v


class ExitReturnsObject(CM):
    def __exit__(self, typ, val, tb):
        print("exit", self.name, typ.__name__ if typ else None)
        return Truthy(True)


class NoExit:
    def __enter__(self):
        return 1


class NoEnter:
    def __exit__(self, *a):
        return False


def body_raises(cm):
    with cm as c:
        print("body of", c.name)
        raise ValueError("from body of " + c.name)
    print("after with", cm.name)


def nested():
    with CM("a") as a, CM("b", suppress=True) as b:
        print("inside", a.name, b.name)
        {}["x"]
    print("nested continues")
    with CM("c"):
        with CM("d", suppress=True):
            with CM("e"):
                raise KeyError("deep")
        print("after d")


def control_flow():
    out = []
    for i in range(5):
        with CM("loop%d" % i, suppress=True):
            if i == 1:
                continue
            if i == 3:
                break
            if i == 2:
                raise ValueError(i)
            out.append(i)
    return out


def returns_through_with():
    with CM("ret"):
        return "returned"


@contextlib.contextmanager
def managed(name, swallow=()):
    print("setup", name)
    try:
        yield name.upper()
    except swallow as e:
        print("swallowed", repr(e))
    finally:
        print("teardown", name)


def uses_contextlib():
    with managed("one") as v:
        print("got", v)
    with managed("two", swallow=(KeyError,)):
        raise KeyError("two")
    try:
        with managed("three", swallow=(KeyError,)):
            raise ValueError("three")
    except ValueError:
        show("contextmanager re-raised")
    with contextlib.suppress(ZeroDivisionError):
        1 / 0
    with contextlib.ExitStack() as stack:
        for n in "xyz":
            stack.enter_context(CM(n, suppress=(n == "y")))
        raise TypeError("stack")
    print("ExitStack suppressed")


def main():
    for cm in (CM("plain"), CM("suppressing", suppress=True), CM("bad-exit", fail_exit=True),
               CM("bad-enter", fail_enter=True), ExitReturnsObject("obj")):
        try:
            body_raises(cm)
        except Exception:
            show(cm.name)
    for bad in (NoExit(), NoEnter(), 5):
        try:
            with bad:
                print("unreachable")
        except TypeError as e:
            print("TypeError:", e)
    try:
        nested()
    except KeyError:
        show("nested")
    print(control_flow())
    print(returns_through_with())
    uses_contextlib()
    try:
        with CM("exit-fails-without-exc", fail_exit=True):
            pass
    except RuntimeError:
        show("exit raising on normal exit")
    count = 0
    for i in range(200):
        with contextlib.suppress(ValueError):
            if i % 2:
                raise ValueError
            count += 1
    print("count", count)


main()
