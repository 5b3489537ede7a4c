# try/except/else/finally nested several levels; flow tracing; re-raise; exception attributes.

trace = []


def level3(x):
    try:
        trace.append("l3 try")
        if x == 0:
            raise ValueError("zero")
        if x == 1:
            return 1 / 0
        if x == 2:
            raise KeyError("k")
        trace.append("l3 ok")
    except ValueError as e:
        trace.append("l3 caught %s" % e)
        raise
    else:
        trace.append("l3 else")
        return "ok%d" % x
    finally:
        trace.append("l3 finally")


def level2(x):
    try:
        try:
            return level3(x)
        except ZeroDivisionError as e:
            trace.append("l2 inner caught " + type(e).__name__)
            return "zde"
        finally:
            trace.append("l2 inner finally")
    except KeyError as e:
        trace.append("l2 outer caught %r" % e)
        return "key"
    finally:
        trace.append("l2 outer finally")


def level1(x):
    try:
        r = level2(x)
    except Exception as e:
        trace.append("l1 caught %s %s" % (type(e).__name__, e.args))
        r = "err"
    else:
        trace.append("l1 else")
    finally:
        trace.append("l1 finally")
    return r


def classify(v):
    try:
        return int(v)
    except (TypeError, ValueError) as e:
        return type(e).__name__
    except Exception:
        return "other"


def loop_with_exceptions(n):
    caught = 0
    for i in range(n):
        try:
            try:
                if i % 3 == 0:
                    raise IndexError(i)
                if i % 5 == 0:
                    continue
                if i % 7 == 0:
                    break
            finally:
                caught += 1
        except IndexError:
            caught += 100
    return caught


def main():
    for x in range(4):
        del trace[:]
        print(x, level1(x))
        for t in trace:
            print("   ", t)
    print([classify(v) for v in ("12", "x", None, 3.7, [1])])
    print(loop_with_exceptions(6), loop_with_exceptions(50))
    total = 0
    for i in range(2000):
        total += loop_with_exceptions(i % 20)
    print(total)
    e = ValueError("a", 2, None)
    print(e.args, str(e), repr(e), str(ValueError()), repr(KeyError("x")), str(KeyError("x")))
    try:
        try:
            raise TypeError("original")
        except TypeError:
            raise
    except TypeError as err:
        print("reraised", err)
    try:
        pass
    except Exception:
        print("never")
    else:
        print("else ran")
    err_name = None
    try:
        raise OSError(2, "No such file")
    except OSError as err:
        err_name = err
    print(err_name.errno, err_name.strerror, str(err_name), type(err_name).__name__)
    try:
        err
    except NameError as ne:
        print("NameError:", ne)


main()
