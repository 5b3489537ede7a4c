# Decorators: simple, with arguments, functools.wraps, stacking, class decorators, decorating methods.
import functools

call_log = []


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        call_log.append(fn.__name__)
        return fn(*args, **kwargs)
    return wrapper


def repeat(times):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            return [fn(*a, **k) for _ in range(times)]
        return wrapper
    return deco


def no_wraps(fn):
    def inner(*a):
        return fn(*a)
    return inner


def memoize(fn):
    cache = {}

    @functools.wraps(fn)
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    wrapper.cache = cache
    return wrapper


def register(registry):
    def deco(cls):
        registry[cls.__name__] = cls
        return cls
    return deco


REG = {}


@register(REG)
class Alpha:
    pass


@register(REG)
class Beta:
    pass


@logged
def add(a, b):
    """Add two numbers."""
    return a + b


@repeat(3)
@logged
def greet(name):
    return "hi " + name


@no_wraps
def plain(x):
    return x


@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


class Svc:
    @logged
    def method(self, x):
        return x * 2

    @staticmethod
    @logged
    def static(x):
        return -x


def counted(fn):
    def wrapper(*a):
        wrapper.calls += 1
        return fn(*a)
    wrapper.calls = 0
    return wrapper


@counted
def work(n):
    return n % 3


def main():
    print(add(2, 3), add.__name__, add.__doc__, add.__wrapped__(5, 5))
    print(greet("bob"), greet.__name__, plain.__name__, plain(7))
    print(fib(80), len(fib.cache), fib.__name__)
    s = Svc()
    print(s.method(21), Svc.static(4), Svc.method.__name__)
    for i in range(500):
        work(i)
    print(work.calls, sorted(REG))
    print(len(call_log), call_log[:6])

    def trace(prefix):
        def deco(fn):
            def w(*a):
                r = fn(*a)
                print(prefix, fn.__name__, a, "->", r)
                return r
            return w
        return deco

    @trace("outer")
    @trace("inner")
    def mul(a, b):
        return a * b
    mul(6, 7)


main()
