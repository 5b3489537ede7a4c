# global and nonlocal rebinding across nesting levels, module state mutated from functions, UnboundLocalError caught.

x = "global-x"
items = []
total = 0


def read_global():
    return x


def write_global(v):
    global x
    x = v
    return x


def shadow_local():
    x = "local-x"
    return x


def append_no_global(v):
    items.append(v)
    return _real_len_items()


def _real_len_items():
    return len(items)


def nested():
    a = 1

    def mid():
        nonlocal a
        a += 10
        b = 100

        def inner():
            nonlocal a, b
            global total
            a += 1
            b += 1
            total += a + b
            return a, b
        r1 = inner()
        r2 = inner()
        return r1, r2, b
    res = mid()
    return res, a


def unbound():
    try:
        print(x)
        x = 5
    except UnboundLocalError as e:
        return "UnboundLocalError: %s" % e


def unbound_nonlocal():
    def inner():
        return y
    try:
        inner()
    except NameError as e:
        msg = "%s: %s" % (type(e).__name__, e)
    y = 1
    return msg, inner()


def accumulate(n):
    global total
    for i in range(n):
        total += i
    return total


def main():
    print(read_global(), shadow_local(), read_global())
    print(write_global("changed"), read_global(), x)
    for i in range(5):
        append_no_global(i)
    print(items, append_no_global("z"))
    print(nested(), total)
    print(unbound())
    print(unbound_nonlocal())
    print(accumulate(1000), accumulate(10))

    def counter_factory():
        count = 0
        def f():
            nonlocal count
            count += 1
            return count
        def reset():
            nonlocal count
            count = 0
        return f, reset
    f, reset = counter_factory()
    for _ in range(50):
        f()
    print(f())
    reset()
    print(f())


main()
