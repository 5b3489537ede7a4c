# __iter__/__next__, __call__, __index__, __format__, __int__/__float__, __round__.

class Countdown:
    def __init__(self, start):
        self.start = start

    def __iter__(self):
        return CountdownIter(self.start)


class CountdownIter:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


class Fib:
    def __init__(self, limit):
        self.a, self.b, self.limit = 0, 1, limit

    def __iter__(self):
        return self

    def __next__(self):
        if self.a > self.limit:
            raise StopIteration
        r = self.a
        self.a, self.b = self.b, self.a + self.b
        return r


class Poly:
    def __init__(self, *coeffs):
        self.c = coeffs

    def __call__(self, x):
        r = 0
        for c in self.c:
            r = r * x + c
        return r


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


class Num:
    def __init__(self, v):
        self.v = v

    def __int__(self):
        return int(self.v)

    def __float__(self):
        return float(self.v)

    def __round__(self, nd=None):
        return ("rounded", nd)

    def __format__(self, spec):
        if spec.endswith("u"):
            return format(self.v, spec[:-1]) + " units"
        return format(self.v, spec)


def main():
    c = Countdown(5)
    print(list(c), list(c), sum(c), [x * y for x in c for y in c if x == y])
    it = iter(c)
    print(next(it), next(it), list(it), next(it, "done"))
    print(list(Fib(1000)), sum(Fib(10 ** 6)))
    p = Poly(2, -3, 1)
    print([p(x) for x in range(-3, 4)], callable(p), callable(Idx(1)), callable(len))
    total = 0
    for x in range(1000):
        total += p(x) % 11
    print(total)
    lst = list(range(10))
    i3 = Idx(3)
    print(lst[i3], lst[Idx(1):Idx(8):Idx(2)], bin(Idx(5)), hex(Idx(255)), "ab" * Idx(3), range(Idx(4)), [0] * Idx(2))
    import operator
    print(operator.index(Idx(7)), int(Num(3.9)), float(Num(2)), round(Num(1.5)), round(Num(1.5), 2))
    n = Num(1234.5678)
    print(f"{n:.2f}", f"{n:10.1fu}|", format(n, ",.0f"), "{:>12.3u}".format(n))
    try:
        [1, 2][Num(1)]
    except TypeError as e:
        print("TypeError:", e)
    try:
        next(iter([]))
    except StopIteration as e:
        print("StopIteration", repr(e))
    it2 = iter([1, 2, 3])
    print(list(zip(it2, it2)), list(iter(CountdownIter(3))))
    calls = iter(Poly(1, 0).__call__, 5)
    print("sentinel iter made")
    def gen_vals():
        k = 0
        def f():
            nonlocal k
            k += 1
            return k
        return f
    print(list(iter(gen_vals(), 6)))


main()
