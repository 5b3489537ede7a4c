# Exception groups and except* (3.11): splitting, nesting, re-raising, subgroup/split.

def gather(tasks):
    errors = []
    results = []
    for t in tasks:
        try:
            results.append(t())
        except Exception as e:
            errors.append(e)
    if errors:
        raise ExceptionGroup("gather failed", errors)
    return results


def make_tasks(n):
    tasks = []
    for i in range(n):
        if i % 4 == 1:
            tasks.append(lambda i=i: 1 / 0)
        elif i % 4 == 2:
            tasks.append(lambda i=i: {}["k%d" % i])
        elif i % 4 == 3:
            tasks.append(lambda i=i: int("x%d" % i))
        else:
            tasks.append(lambda i=i: i * 10)
    return tasks


def handle(n):
    log = []
    try:
        gather(make_tasks(n))
        log.append("no errors")
    except* ZeroDivisionError as eg:
        log.append("ZDE x%d" % len(eg.exceptions))
    except* KeyError as eg:
        log.append("KeyError %s" % sorted(str(e) for e in eg.exceptions))
    except* ValueError as eg:
        log.append("ValueError msg=%r n=%d" % (eg.message, len(eg.exceptions)))
    return log


def partial_handle():
    try:
        try:
            raise ExceptionGroup("outer", [TypeError("t1"), ValueError("v1"), ExceptionGroup("inner", [TypeError("t2"), OSError("o1")])])
        except* TypeError as eg:
            print("handled TypeErrors:", repr(eg))
    except* ValueError as eg:
        print("outer got ValueError group:", repr(eg))
    except* OSError as eg:
        print("outer got OSError group:", repr(eg))


def main():
    for n in range(1, 6):
        print(n, handle(n))
    partial_handle()
    eg = ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3), ExceptionGroup("sub", [ValueError(4), KeyError(5)])])
    match, rest = eg.split(ValueError)
    print(repr(match))
    print(repr(rest))
    print(repr(eg.subgroup(lambda e: isinstance(e, KeyError))), eg.subgroup(lambda e: isinstance(e, IndexError)))
    try:
        raise BaseExceptionGroup("base", [KeyboardInterrupt(), ValueError("x")])
    except* KeyboardInterrupt as g:
        print("kbi:", type(g).__name__, repr(g.exceptions))
    except* ValueError as g:
        print("val:", type(g).__name__, repr(g.exceptions))
    try:
        raise ValueError("naked")
    except* ValueError as g:
        print("naked wrapped:", repr(g), g.exceptions[0].args)
    try:
        try:
            raise ExceptionGroup("g", [ValueError("a"), KeyError("b")])
        except* ValueError:
            print("got value; KeyError continues")
    except ExceptionGroup as leftover:
        print("leftover:", repr(leftover))
    count = 0
    for i in range(200):
        try:
            raise ExceptionGroup("loop", [ValueError(i)] * (i % 3 + 1))
        except* ValueError as g:
            count += len(g.exceptions)
    print(count)
    try:
        ExceptionGroup("empty", [])
    except ValueError as e:
        print("ValueError:", e)


main()
