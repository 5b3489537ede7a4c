# raise forms and their errors, bare re-raise, raise from, handled-exception state (sys.exc_info) through nested handlers, except clause validation, traceback lines after re-raise.
import sys
import traceback


def show(label):
    print("---", label)
    traceback.print_exc(file=sys.stdout)


class NotAnInstance(Exception):
    def __new__(cls, *args):
        return 42


class BrokenCause(Exception):
    def __init__(self):
        1 / 0


class Custom(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code


def raise_forms():
    for what in (ValueError, ValueError("inst"), Custom(7), 3, "str", NotAnInstance, None):
        try:
            raise what
        except BaseException as e:
            print(type(e).__name__, e, e.__context__ is None, e.__cause__)


def raise_from_forms():
    for cause in (KeyError, KeyError("k"), None, 5):
        try:
            try:
                raise ValueError("v") from cause
            except ValueError as e:
                print("cause:", repr(e.__cause__), e.__suppress_context__)
                raise
        except BaseException as e:
            print("outer:", type(e).__name__, e)
    try:
        raise ValueError("x") from BrokenCause
    except ZeroDivisionError as e:
        print("cause constructor failed:", e, repr(e.__context__))


def bare_reraise_without_exception():
    try:
        raise
    except RuntimeError as e:
        print("RuntimeError:", e)
        show("no active exception")


def level3():
    return {}["missing"]


def level2():
    try:
        level3()
    except KeyError:
        print("level2 handled, re-raising")
        raise


def level1():
    try:
        level2()
    except LookupError as e:
        print("level1 got", repr(e))
        show("re-raised KeyError keeps its origin")
        raise RuntimeError("wrapped") from e


def exc_info_nesting():
    print("outside:", sys.exc_info()[0])
    try:
        raise ValueError("outer")
    except ValueError:
        print("in outer:", sys.exc_info()[1])
        try:
            raise TypeError("inner")
        except TypeError:
            print("in inner:", sys.exc_info()[1], "context:", repr(sys.exc_info()[1].__context__))
        print("back in outer:", sys.exc_info()[1])
        try:
            raise KeyError("k2")
        except KeyError as e:
            print("k2 context:", repr(e.__context__))
    print("after:", sys.exc_info())


def except_validation():
    for target in (42, (ValueError, 42), "ValueError", (ValueError, TypeError)):
        try:
            try:
                raise ValueError("probe")
            except target:
                print("caught by", target)
        except TypeError as e:
            print("TypeError:", e, "| context:", repr(e.__context__))


def finally_reraise():
    try:
        try:
            x = [1, 2, 3]
            return x[10]
        finally:
            print("finally runs")
    except IndexError:
        show("through finally")


def handler_raises():
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            int("not a number")
    except ValueError:
        show("raised inside handler (context chain)")


def else_and_finally(n):
    log = []
    try:
        if n == 1:
            raise ValueError(n)
        log.append("body")
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log


def return_in_finally_swallows():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"


def loop_control_in_handlers():
    out = []
    for i in range(6):
        try:
            if i % 2:
                raise ValueError(i)
            out.append(i)
        except ValueError:
            if i == 5:
                break
            continue
        finally:
            out.append("f%d" % i)
    return out


def exception_var_cleared():
    try:
        raise ValueError("tmp")
    except ValueError as err:
        pass
    try:
        return err
    except UnboundLocalError:
        show("except-as variable is deleted")


def reraise_helper():
    raise


def gen_keeps_its_exception():
    try:
        raise ValueError("inside generator")
    except ValueError:
        seen = yield "suspended in handler"
        print("generator resumed; caller's exception was", repr(seen), "mine is", repr(sys.exc_info()[1]))
        raise


def generators_and_callees():
    g = gen_keeps_its_exception()
    print(next(g), "| caller sees", sys.exc_info()[1])
    try:
        raise KeyError("caller")
    except KeyError as k:
        try:
            g.send(k)
        except ValueError:
            show("generator re-raised its own exception")
        print("caller still handling", repr(sys.exc_info()[1]))
        try:
            reraise_helper()
        except KeyError:
            show("bare raise in a callee re-raises the caller's exception")


def main():
    generators_and_callees()
    raise_forms()
    raise_from_forms()
    bare_reraise_without_exception()
    try:
        level1()
    except RuntimeError:
        show("chained")
    exc_info_nesting()
    except_validation()
    finally_reraise()
    handler_raises()
    print(else_and_finally(0), else_and_finally(1))
    print(return_in_finally_swallows())
    print(loop_control_in_handlers())
    exception_var_cleared()
    total = 0
    for i in range(300):
        try:
            if i % 3 == 0:
                raise Custom(i)
            total += i
        except Custom as c:
            total -= c.code
    print("total", total)


main()
