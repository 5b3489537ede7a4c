# Ends with an uncaught exception that crossed a with block, a finally, an except that re-raises and an except* (traceback line numbers after each re-raise; exit status 1).
import contextlib


class Noisy:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, *exc):
        print("exit", self.name, exc[0].__name__ if exc[0] else None)
        return False


@contextlib.contextmanager
def wrapper():
    print("wrapper setup")
    try:
        yield
    finally:
        print("wrapper teardown")


def deepest(values):
    total = 0
    for v in values:
        total += 100 // v
    return total


def through_with(values):
    with Noisy("outer"), wrapper():
        with Noisy("inner"):
            return deepest(values)


def through_finally(values):
    try:
        return through_with(values)
    finally:
        print("finally in through_finally")


def through_except(values):
    try:
        return through_finally(values)
    except ZeroDivisionError as e:
        e.add_note("seen by through_except")
        raise
    except ValueError:
        print("not this one")


def through_except_star(values):
    try:
        return through_except(values)
    except* KeyError:
        print("no KeyError here")


print(through_except_star([1, 2, 5]))
print(through_except_star([4, 0, 3]))
