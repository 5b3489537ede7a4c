# Exception chaining: raise from, implicit __context__, from None, __cause__, traceback of chained printed via traceback module.
import traceback


class AppError(Exception):
    def __init__(self, msg, code=0):
        super().__init__(msg, code)
        self.msg = msg
        self.code = code

    def __str__(self):
        return "[%d] %s" % (self.code, self.msg)


class NotFound(AppError):
    pass


def lookup(d, k):
    try:
        return d[k]
    except KeyError as e:
        raise NotFound("missing %r" % k, 404) from e


def parse(s):
    try:
        return int(s)
    except ValueError:
        raise AppError("bad int " + s, 400)


def hide(s):
    try:
        return int(s)
    except ValueError:
        raise AppError("hidden", 1) from None


def chain_len(e):
    n = 0
    while e is not None:
        n += 1
        e = e.__cause__ or e.__context__
    return n


def main():
    d = {"a": 1}
    for k in ("a", "b"):
        try:
            print("found", lookup(d, k))
        except NotFound as e:
            print("NotFound:", e, "| cause:", repr(e.__cause__), "| ctx is cause:", e.__context__ is e.__cause__, e.__suppress_context__)
    for s in ("12", "zz"):
        try:
            print(parse(s))
        except AppError as e:
            print("AppError:", e, "| cause:", e.__cause__, "| context:", repr(e.__context__))
    try:
        hide("q")
    except AppError as e:
        print("hidden:", e, e.__cause__, repr(e.__context__), e.__suppress_context__)
    try:
        try:
            try:
                1 / 0
            except ZeroDivisionError:
                [][1]
        except IndexError:
            {}["x"]
    except KeyError as e:
        print("chain length", chain_len(e), [type(x).__name__ for x in (e, e.__context__, e.__context__.__context__)])
    try:
        lookup({}, "zz")
    except AppError as e:
        lines = traceback.format_exception(type(e), e, None)
        print("".join(lines))
    print(issubclass(NotFound, AppError), isinstance(NotFound("x"), Exception), NotFound("m", 5).args)
    total = 0
    for i in range(500):
        try:
            lookup(d, "a" if i % 3 else "b")
        except NotFound as e:
            total += e.code
    print(total)
    try:
        raise AppError("with note", 7)
    except AppError as e:
        e.add_note("note one")
        e.add_note("note two")
        print(e.__notes__)


main()
