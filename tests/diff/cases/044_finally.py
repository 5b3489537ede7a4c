# finally semantics: return in finally overrides, exceptions raised in finally, break/continue in finally.

def ret_in_finally():
    try:
        return "try"
    finally:
        return "finally"


def swallow_by_return():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"


def finally_runs_order(log):
    try:
        log.append("try")
        return log.append("return-expr") or "value"
    finally:
        log.append("finally")


def replace_exc():
    try:
        raise ValueError("first")
    finally:
        raise KeyError("second")


def break_in_finally():
    out = []
    for i in range(5):
        try:
            if i == 2:
                raise RuntimeError("boom")
            out.append(i)
        finally:
            if i == 2:
                break
    return out


def continue_in_finally():
    out = []
    for i in range(5):
        try:
            if i % 2:
                raise RuntimeError("odd")
            out.append(i)
        finally:
            continue
    return out


def nested_finally(n):
    log = []
    try:
        try:
            try:
                if n == 1:
                    raise IndexError("deep")
                log.append("body")
            finally:
                log.append("f3")
                if n == 2:
                    raise TypeError("from f3")
        finally:
            log.append("f2")
    except (IndexError, TypeError) as e:
        log.append("caught %s: %s ctx=%r" % (type(e).__name__, e, e.__context__))
    finally:
        log.append("f1")
    return log


def counter_finally(n):
    count = 0
    for i in range(n):
        try:
            if i % 2:
                continue
            count += 1
        finally:
            count += 10
    return count


def main():
    print(ret_in_finally(), swallow_by_return())
    log = []
    print(finally_runs_order(log), log)
    try:
        replace_exc()
    except KeyError as e:
        print("KeyError", e, "context:", repr(e.__context__), e.__suppress_context__)
    print(break_in_finally(), continue_in_finally())
    for n in range(3):
        print(n, nested_finally(n))
    print(sum(counter_finally(i) for i in range(300)))

    def gen():
        try:
            yield 1
            yield 2
        finally:
            print("gen finally")
    g = gen()
    for v in g:
        print("got", v)
        break
    print("after break")
    g.close()
    print("after close")


main()
