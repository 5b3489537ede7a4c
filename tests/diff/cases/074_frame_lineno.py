# sys._getframe().f_lineno, inspect.currentframe().f_back.f_lineno, f_code.co_name, frame walking, inspect.stack basics.
import inspect
import sys


def here():
    return sys._getframe().f_lineno


def caller_line():
    return inspect.currentframe().f_back.f_lineno


def caller_name():
    return sys._getframe(1).f_code.co_name


def where_am_i(tag):
    f = sys._getframe(1)
    return "%s: %s line %d" % (tag, f.f_code.co_name, f.f_lineno)


def chain_names():
    names = []
    f = sys._getframe()
    while f is not None:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names


def a():
    return b()


def b():
    return c()


def c():
    return chain_names()


class K:
    def method(self):
        return caller_name(), here(), caller_line()

    @property
    def prop(self):
        return where_am_i("prop")


def multi_line_call(x,
                    y):
    return caller_line()


def in_loop():
    lines = []
    for i in range(3):
        lines.append(caller_line())
        lines.append(
            caller_line()
        )
    return lines


def gen():
    yield caller_line()
    yield caller_line()


def main():
    print("here", here())
    print("caller_line", caller_line())
    x = caller_line(); y = caller_line()
    print("same line", x, y)
    print("caller_name", caller_name())
    print(where_am_i("main"))
    print(a())
    print(K().method(), K().prop)
    print("multi", multi_line_call(1,
                                   2))
    print("loop", in_loop())
    print("gen", list(gen()))
    print("lambda", (lambda: caller_line())())
    print("comprehension", [caller_line() for _ in range(2)])
    print("code", main.__code__.co_name, main.__code__.co_firstlineno, here.__code__.co_firstlineno)
    total = 0
    for i in range(500):
        total += caller_line()
    print("total", total)
    fi = inspect.getframeinfo(inspect.currentframe())
    print("frameinfo", fi.lineno, fi.function)
    try:
        1 / 0
    except ZeroDivisionError as e:
        tb = e.__traceback__
        print("tb_lineno", tb.tb_lineno, tb.tb_frame.f_code.co_name)


main()
print("module level", sys._getframe().f_lineno, sys._getframe().f_code.co_name)
