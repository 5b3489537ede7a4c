# traceback.print_exc() inside except blocks (to stderr and to a StringIO), format_exc, extract_tb line numbers, chained tracebacks.
import io
import sys
import traceback


def parse_int(s):
    return int(s)


def load(values):
    out = []
    for v in values:
        out.append(parse_int(v))
    return out


def divide(a, b):
    return a / b


def nested_fail():
    try:
        divide(1, 0)
    except ZeroDivisionError as e:
        raise RuntimeError("divide failed") from e


def implicit_chain():
    try:
        {}["missing"]
    except KeyError:
        undefined_name_here


def main():
    try:
        load(["1", "2", "x3"])
    except ValueError:
        print("caught ValueError; traceback follows on stderr")
        traceback.print_exc()
    try:
        nested_fail()
    except RuntimeError:
        traceback.print_exc()
    try:
        implicit_chain()
    except NameError:
        traceback.print_exc(file=sys.stdout)
    try:
        divide(5, 0)
    except ZeroDivisionError as e:
        buf = io.StringIO()
        traceback.print_exc(file=buf)
        text = buf.getvalue()
        print("captured", len(text.splitlines()), "lines; last:", text.splitlines()[-1])
        frames = traceback.extract_tb(e.__traceback__)
        print([(f.name, f.lineno, f.line) for f in frames])
        print(traceback.format_exception_only(type(e), e))
    try:
        load(["7", None])
    except TypeError:
        s = traceback.format_exc()
        print(s.replace("\n", " | "))
    count = 0
    for i in range(200):
        try:
            load([str(i), "bad%d" % i] if i % 50 == 0 else [str(i)])
        except ValueError:
            count += len(traceback.format_exc())
    print("formatted chars", count > 0)
    try:
        raise ExceptionGroup("grp", [ValueError("a"), TypeError("b")])
    except ExceptionGroup:
        traceback.print_exc()
    print("end")


main()
