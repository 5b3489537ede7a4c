# with statements: custom context managers, suppression, multiple managers, contextlib utilities.
import contextlib
import io
import sys


class Tracker:
    def __init__(self, name, log, suppress=()):
        self.name = name
        self.log = log
        self.suppress = suppress

    def __enter__(self):
        self.log.append("enter " + self.name)
        return self.name.upper()

    def __exit__(self, et, ev, tb):
        self.log.append("exit %s %s" % (self.name, et.__name__ if et else None))
        return et is not None and issubclass(et, self.suppress)


@contextlib.contextmanager
def tag(name, log):
    log.append("<%s>" % name)
    try:
        yield name * 2
    except KeyError as e:
        log.append("tag %s handled %r" % (name, e))
    finally:
        log.append("</%s>" % name)


@contextlib.contextmanager
def no_finally(log):
    log.append("start")
    yield
    log.append("end (only on success)")


def run(mode):
    log = []
    try:
        with Tracker("a", log) as a, Tracker("b", log, suppress=(ValueError,)) as b:
            log.append("body %s %s" % (a, b))
            if mode == 1:
                raise ValueError("v")
            if mode == 2:
                raise TypeError("t")
            log.append("body end")
        log.append("after with")
    except TypeError as e:
        log.append("outer caught %s" % e)
    return log


def run_tag(mode):
    log = []
    try:
        with tag("p", log) as t:
            log.append("inside " + t)
            if mode == 1:
                raise KeyError("kk")
            if mode == 2:
                raise IndexError("ii")
    except IndexError:
        log.append("IndexError escaped")
    return log


def main():
    for m in range(3):
        print(m, run(m))
        print(m, run_tag(m))
    log = []
    try:
        with no_finally(log):
            raise RuntimeError("x")
    except RuntimeError:
        pass
    print(log)
    with contextlib.suppress(ZeroDivisionError, KeyError):
        print("before")
        1 / 0
        print("never")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        print("captured line")
        print("second", end="!")
    print(repr(buf.getvalue()))
    with contextlib.ExitStack() as stack:
        logs = []
        for i in range(3):
            stack.enter_context(Tracker("s%d" % i, logs))
        stack.callback(logs.append, "callback")
    print(logs)
    total = 0
    for i in range(500):
        l2 = []
        with Tracker("t", l2, suppress=(ArithmeticError,)):
            if i % 2:
                total += 1 // (i % 3)
            total += 1
        total += len(l2)
    print(total)
    cm = Tracker("manual", [])
    print(cm.__enter__(), cm.__exit__(None, None, None), cm.log)
    with contextlib.nullcontext(5) as v:
        print("nullcontext", v)

    class Closer:
        def close(self):
            print("closed!")
    with contextlib.closing(Closer()):
        print("using closer")


main()
