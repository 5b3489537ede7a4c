# Closures: nonlocal counters, late binding in loops, cell sharing, closure over loop variable.

def make_counter(start=0):
    count = start

    def inc(step=1):
        nonlocal count
        count += step
        return count

    def get():
        return count

    return inc, get


def make_adders():
    adders = []
    for i in range(5):
        adders.append(lambda x: x + i)
    return adders


def make_adders_bound():
    return [(lambda i: (lambda x: x + i))(i) for i in range(5)]


def make_acc():
    total = []

    def add(v):
        total.append(v)
        return sum(total)
    return add


def outer():
    x = "outer-x"

    def middle():
        y = "middle-y"

        def inner():
            nonlocal x
            x = x + "!"
            return x + " " + y
        return inner
    return middle(), (lambda: x)


def compose(*fns):
    def composed(v):
        for fn in reversed(fns):
            v = fn(v)
        return v
    return composed


def main():
    inc, get = make_counter(10)
    for _ in range(1000):
        inc()
    inc(-500)
    print(get())
    inc2, get2 = make_counter()
    inc2(3)
    print(get(), get2())
    print([a(10) for a in make_adders()], [a(10) for a in make_adders_bound()])
    acc = make_acc()
    for i in range(100):
        r = acc(i)
    print(r)
    inner, peek = outer()
    print(inner(), inner(), peek())
    f = compose(lambda v: v + 1, lambda v: v * 2, str.strip)
    g = compose(len, str)
    print(compose(lambda v: v * 3, lambda v: v + 1)(5), g(12345), f.__name__)
    print(inc.__closure__ is not None, len(inc.__closure__), inc.__code__.co_freevars, make_counter.__code__.co_cellvars)
    fns = {}
    for name in ["a", "b", "c"]:
        def show(n=name):
            return n
        fns[name] = show
    print({k: v() for k, v in fns.items()})
    def counter_gen():
        n = 0
        def bump():
            nonlocal n
            n += 1
            return n
        return bump
    bumpers = [counter_gen() for _ in range(3)]
    for i in range(10):
        bumpers[i % 3]()
    print([b() for b in bumpers])
    x = 0
    def reads_late():
        return x
    x = 42
    print(reads_late())


main()
