# functools: reduce, partial, lru_cache, cache, cached_property, total_ordering, singledispatch, cmp_to_key.
import functools


@functools.lru_cache(maxsize=None)
def ways(n, coins):
    if n == 0:
        return 1
    if n < 0 or not coins:
        return 0
    return ways(n - coins[0], coins) + ways(n, coins[1:])


@functools.lru_cache(maxsize=4)
def sq(x):
    return x * x


@functools.singledispatch
def show(x):
    return "object:" + type(x).__name__


@show.register
def _(x: int):
    return "int:%d" % x


@show.register(list)
def _(x):
    return "list:" + ",".join(show(i) for i in x)


@show.register(str)
def _(x):
    return "str:" + x


class Circle:
    def __init__(self, r):
        self.r = r
        self.computed = 0

    @functools.cached_property
    def area(self):
        self.computed += 1
        return 3.14159 * self.r ** 2


def cmp_len_then_alpha(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a > b) - (a < b)


def main():
    print(ways(200, (1, 2, 5, 10, 20, 50, 100, 200)), ways.cache_info().hits > 0)
    for i in [1, 2, 3, 1, 4, 5, 1, 6, 2]:
        sq(i)
    print(sq.cache_info())
    sq.cache_clear()
    print(sq.cache_info())
    print(functools.reduce(lambda a, b: a * 10 + b, [1, 2, 3, 4]), functools.reduce(max, [3, 9, 2]))
    int2 = functools.partial(int, base=2)
    add5 = functools.partial(lambda a, b, c=0: a + b + c, 5)
    print(int2("1011"), add5(1), add5(1, c=10), int2.func is int, int2.keywords, add5.args)
    print(show(5), show("hi"), show([1, "a", [2]]), show(2.5), show(True))
    c = Circle(2)
    print(c.area, c.area, c.computed)
    del c.area
    print(c.area, c.computed)
    words = ["pear", "fig", "apple", "kiwi", "date", "banana"]
    print(sorted(words, key=functools.cmp_to_key(cmp_len_then_alpha)))

    @functools.cache
    def collatz(n):
        if n == 1:
            return 0
        return 1 + collatz(n // 2 if n % 2 == 0 else 3 * n + 1)
    print(max(range(1, 3000), key=collatz), collatz(27))
    p = functools.partial(functools.partial(pow, 2), 10)
    print(p(), p.func, p.args)

    def deco(fn):
        @functools.wraps(fn)
        def w(*a):
            return fn(*a)
        return w

    @deco
    def documented():
        "docstring here"
    print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__)


main()
