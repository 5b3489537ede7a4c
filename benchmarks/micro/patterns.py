"""Micro patterns: one everyday idiom per function, each a loop over N items.

`run` (beside this file) counts the instructions each loop costs per item
under stock CPython 3.11 and under pyaot, to find idioms where pyaot does
more work than the interpreter (such as `s += piece`, which 3.11 extends in
place and pyaot once copied every time).

usage: patterns.py NAME N REPS   (runs pattern NAME REPS times on N items and
                                  prints its result)
"""

import sys


class Point:
    def __init__(self, x):
        self.x = x

    @property
    def double(self):
        return self.x * 2

    def get(self):
        return self.x


class Base:
    def f(self):
        return 1


class Derived(Base):
    def f(self):
        return super().f() + 1


class Oops(Exception):
    pass


class Ctx:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def keywords(a, b=1, *, c=2):
    return a + b + c


def star(*args):
    return len(args)


def str_append(words):
    s = ""
    for w in words:
        s += w
    return len(s)


def str_plus(words):
    s = ""
    for w in words:
        s = s + w
    return len(s)


def str_methods(words):
    n = 0
    for w in words:
        if w.startswith("ab"):
            n += len(w.upper())
    return n


def str_split(lines):
    n = 0
    for line in lines:
        n += len(line.split())
    return n


def str_join(parts):
    n = 0
    for p in parts:
        n += len(",".join(p))
    return n


def percent_format(xs):
    n = 0
    for x in xs:
        n += len("%d:%s" % (x, x))
    return n


def fstring(xs):
    n = 0
    for x in xs:
        n += len(f"{x}-{x + 1}")
    return n


def dict_get(words):
    d = {}
    for w in words:
        d[w] = d.get(w, 0) + 1
    return len(d)


def dict_items(xs):
    d = dict.fromkeys(xs, 1)
    t = 0
    for k, v in d.items():
        t += v
    return t


def set_add_in(xs):
    s = set()
    n = 0
    for x in xs:
        if x % 3 not in s:
            n += 1
        s.add(x)
    return n + len(s)


def list_append(xs):
    out = []
    for x in xs:
        out.append(x)
    return len(out)


def list_iadd(xs):
    out = []
    for x in xs:
        out += [x]
    return len(out)


def list_comprehension(xs):
    return len([x * 2 for x in xs if x & 1])


def dict_comprehension(xs):
    return len({x: x for x in xs})


def generator_sum(xs):
    return sum(x for x in xs)


def enumerate_zip(xs):
    t = 0
    for i, (a, b) in enumerate(zip(xs, xs)):
        t += i + a - b
    return t


def tuple_unpack(xs):
    t = 0
    for x in xs:
        a, b = divmod(x, 7)
        t += a + b
    return t


def isinstance_check(xs):
    n = 0
    for x in xs:
        if isinstance(x, int):
            n += 1
    return n


def method_call(points):
    t = 0
    for p in points:
        t += p.get()
    return t


def bound_method(points):
    t = 0
    for p in points:
        get = p.get
        t += get()
    return t


def property_read(points):
    t = 0
    for p in points:
        t += p.double
    return t


def super_call(objs):
    t = 0
    for o in objs:
        t += o.f()
    return t


def keyword_call(xs):
    t = 0
    for x in xs:
        t += keywords(x, c=3)
    return t


def star_call(xs):
    t = 0
    for x in xs:
        t += star(x, x)
    return t


def instantiate(xs):
    n = 0
    for x in xs:
        n += Point(x).x
    return n


def closure_nonlocal(xs):
    total = 0

    def add(x):
        nonlocal total
        total += x

    for x in xs:
        add(x)
    return total


def global_store(xs):
    global COUNTER
    for x in xs:
        COUNTER = x
    return COUNTER


COUNTER = 0


def raise_catch(xs):
    n = 0
    for x in xs:
        try:
            raise Oops(x)
        except Oops:
            n += 1
    return n


def with_block(xs):
    c = Ctx()
    n = 0
    for x in xs:
        with c:
            n += 1
    return n


def sorted_key(xs):
    return sorted(xs, key=lambda x: -x)[0]


def map_lambda(xs):
    return sum(map(lambda x: x + 1, xs))


def float_math(xs):
    t = 0.0
    for x in xs:
        t = t * 0.5 + x * 1.25
    return round(t, 6)


def big_int_math(xs):
    t = 1
    for x in xs:
        t = (t * 6364136223846793005 + x) % 18446744073709551616
    return t


def bytes_build(xs):
    b = bytearray()
    for x in xs:
        b += bytes((x & 255,))
    return len(b)


def words(n):
    return ["ab%d" % (i % 50) for i in range(n)]


def items(n):
    return list(range(n))


INPUTS = {
    "str_append": words, "str_plus": words, "str_methods": words,
    "str_split": lambda n: ["a b c d"] * n, "str_join": lambda n: [("a", "b", "c")] * n,
    "percent_format": items, "fstring": items, "dict_get": words, "dict_items": items,
    "set_add_in": items, "list_append": items, "list_iadd": items,
    "list_comprehension": items, "dict_comprehension": items, "generator_sum": items,
    "enumerate_zip": items, "tuple_unpack": items, "isinstance_check": items,
    "method_call": lambda n: [Point(i) for i in range(n)],
    "bound_method": lambda n: [Point(i) for i in range(n)],
    "property_read": lambda n: [Point(i) for i in range(n)],
    "super_call": lambda n: [Derived() for _ in range(n)],
    "keyword_call": items, "star_call": items, "instantiate": items,
    "closure_nonlocal": items, "global_store": items, "raise_catch": items,
    "with_block": items, "sorted_key": items, "map_lambda": items, "float_math": items,
    "big_int_math": items, "bytes_build": items,
}


def main(argv):
    name, n, reps = argv[1], int(argv[2]), int(argv[3])
    fn = globals()[name]
    data = INPUTS[name](n)
    result = None
    for _ in range(reps):
        result = fn(data)
    print("result %s %r" % (name, result))


if __name__ == "__main__":
    main(sys.argv)
