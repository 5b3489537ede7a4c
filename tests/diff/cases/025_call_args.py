# Calls: *args, **kwargs, keyword-only, positional-only, defaults, argument errors caught.

def f(a, b, /, c, d=4, *args, e, f=6, **kw):
    return (a, b, c, d, args, e, f, sorted(kw.items()))


def posonly(x, y=2, /):
    return x * 10 + y


def kwonly(*, key, flag=False):
    return key, flag


def collect(*args, **kwargs):
    return args, kwargs


def forward(*args, **kwargs):
    return collect(*args, extra=1, **kwargs)


def apply(fn, *args, **kwargs):
    return fn(*args, **kwargs)


def main():
    print(f(1, 2, 3, e=5))
    print(f(1, 2, c=3, e=5))
    print(f(1, 2, 3, 4, 5, 6, 7, e=8, f=9, z=10, a=11))
    print(posonly(1), posonly(1, 5), kwonly(key="k"), kwonly(flag=True, key=0))
    print(collect(), collect(1, 2, x=3), forward(1, y=2))
    args = [1, 2, 3]
    kw = {"e": "E", "q": "Q"}
    print(f(*args, **kw), f(*args, 10, 11, *args, **kw))
    print(apply(max, 3, 9, 2), apply(sorted, [3, 1, 2], reverse=True), apply(dict, a=1))
    print(collect(*"ab", *range(2), **{"x": 1}, **{"y": 2}))
    bad_calls = [
        lambda: f(1, 2, 3),
        lambda: f(1, b=2, c=3, e=4),
        lambda: posonly(x=1),
        lambda: kwonly("k"),
        lambda: kwonly(),
        lambda: f(1, 2, 3, e=1, c=3),
        lambda: collect(**{1: 2}),
        lambda: posonly(1, 2, 3),
        lambda: collect(x=1, **{"x": 2}),
    ]
    for call in bad_calls:
        try:
            call()
        except TypeError as e:
            print("TypeError:", e)
    acc = 0
    for i in range(1000):
        r = f(i, i + 1, i + 2, e=i)
        acc += r[0] + r[3] + r[6] + posonly(i) + len(collect(*range(i % 5))[0])
    print("acc", acc)

    def g(n, *, step=1, **opts):
        return list(range(0, n, step)), opts
    print(g(10, step=3, color="red"), g(n=3))
    print(print.__name__, (lambda *a, **k: (a, k))(1, b=2))


main()
