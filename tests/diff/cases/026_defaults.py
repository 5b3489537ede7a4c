# Default arguments: evaluation time, mutable default gotcha, None sentinel, __defaults__.

counter = 0


def next_id():
    global counter
    counter += 1
    return counter


def append_bad(x, acc=[]):
    acc.append(x)
    return acc


def append_good(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc


def stamped(tag=next_id()):
    return tag


def memo_fib(n, _cache={0: 0, 1: 1}):
    if n not in _cache:
        _cache[n] = memo_fib(n - 1) + memo_fib(n - 2)
    return _cache[n]


def with_kwdefaults(a, *, b=[], c=10):
    b.append(a)
    return len(b) + c


def main():
    for i in range(5):
        print(append_bad(i), append_good(i))
    print(append_bad.__defaults__, append_good.__defaults__)
    print(stamped(), stamped(), next_id(), stamped(), stamped(99))
    print(memo_fib(90), len(memo_fib.__defaults__[0]))
    tot = 0
    for i in range(300):
        tot += with_kwdefaults(i)
    print(tot, len(with_kwdefaults.__kwdefaults__["b"]))
    x = 5
    def g(y=x * 2):
        return y
    x = 100
    print(g(), g(1))
    funcs = []
    for i in range(4):
        def h(v=i):
            return v * v
        funcs.append(h)
    print([fn() for fn in funcs])
    append_bad.__defaults__ = ([],)
    print(append_bad("fresh"))


main()
