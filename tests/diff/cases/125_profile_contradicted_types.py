# Profile-guided speculation contradicted: trained on ints/floats/lists, run on floats, bigints, str, subclasses, bools.
# pyaot-train: train
import sys

TRAINING = len(sys.argv) > 1


def add(a, b):
    return a + b


def mul(a, b):
    return a * b


def sub(a, b):
    return a - b


def less(a, b):
    return a < b


def index(seq, i):
    return seq[i]


def fsum(xs):
    t = 0.0
    for x in xs:
        t = t + x * 0.5 - x / 4.0
    return t


def mixed(a, b):
    r = add(a, b)
    r = sub(r, b)
    r = mul(r, 2)
    return r, less(a, b), less(b, a)


class MyInt(int):
    def __add__(self, other):
        return "MyInt.add(%d, %r)" % (int(self), other)

    def __radd__(self, other):
        return "MyInt.radd(%r, %d)" % (other, int(self))

    def __lt__(self, other):
        return "MyInt.lt"

    def __sub__(self, other):
        return MyInt(int(self) - int(other) - 1000)


class MyFloat(float):
    def __add__(self, other):
        return "MyFloat.add(%r, %r)" % (float(self), other)

    def __lt__(self, other):
        return ("MyFloat.lt", float(self), other)

    def __mul__(self, other):
        return MyFloat(float(self) * other * 10)


class MyList(list):
    def __getitem__(self, i):
        return ("MyList", i, list.__getitem__(self, i % len(self)))


def train():
    lst = list(range(50))
    s = 0
    flags = 0
    for i in range(3000):
        s = add(s, i)
        s = sub(s, i // 2)
        s = mul(s, 1) % 1000003
        flags += less(i, 1500)
        s = add(s, index(lst, i % 50))
        mixed(i, i + 1)
    fl = [float(i) for i in range(100)]
    ft = 0.0
    for _ in range(40):
        ft = fsum(fl)
    print("trained", s, flags, ft)


def real():
    cases = [
        (1.5, 2.25),
        (-0.0, 0.0),
        (float("inf"), 1.0),
        (2 ** 62, 2 ** 62),
        (2 ** 63 - 1, 1),
        (-(2 ** 62) - 5, -(2 ** 62)),
        (2 ** 100, -(2 ** 99)),
        (1 << 30, 1 << 30),
        (True, True),
        (True, 5),
        (3, 2.5),
        (2.5, 3),
        (MyInt(7), 3),
        (3, MyInt(7)),
        (MyFloat(1.5), 2.0),
        (1 + 2j, 3),
    ]
    for a, b in cases:
        for f in (add, sub, mul, less):
            try:
                r = f(a, b)
            except TypeError as e:
                r = "TypeError: %s" % e
            print(f.__name__, repr(a), repr(b), "->", repr(r), type(r).__name__)
    print(add("ab", "cd"), mul("ab", 3), less("a", "b"), less("b", "a"))
    print(add([1], [2]), mul((1, 2), 2), less((1, 2), (1, 3)))
    for a, b in [("x", 1), (None, 1), ([1], 1)]:
        for f in (add, sub, mul, less):
            try:
                print(f.__name__, f(a, b))
            except TypeError as e:
                print(f.__name__, "TypeError:", e)
    big = 2 ** 62
    t = 0
    for i in range(5):
        t = add(t, big)
        t = mul(t, 3)
        t = sub(t, 1)
    print("big loop", t)
    print("mixed", mixed(2 ** 64, 1), mixed(0.5, 0.25), mixed(True, 1))
    try:
        mixed(MyInt(4), 1)
    except TypeError as e:
        print("mixed TypeError:", e)
    lst = [10, 20, 30]
    print(index(lst, -1), index(lst, True), index(lst, False))
    for i in (3, 2 ** 70, 1.0, "x"):
        try:
            print(index(lst, i))
        except (IndexError, TypeError) as e:
            print(type(e).__name__, e)
    ml = MyList([1, 2, 3])
    print(index(ml, 0), index(ml, 7), index(ml, -1))
    print(index("hello", 1), index((5, 6), 1), index({"k": "v"}, "k"), index(range(10), 3))
    print(index(lst, slice(0, 2)))
    print("fsum ints", fsum([1, 2, 3, 2 ** 70]))
    print("fsum bools", fsum([True, False, True]))
    try:
        print(fsum([MyFloat(2.0), 1.0]))
    except TypeError as e:
        print("fsum TypeError:", e)
    try:
        fsum(["a"])
    except TypeError as e:
        print("fsum TypeError:", e)
    print("fsum nan", fsum([float("nan")]), fsum([float("inf"), -0.0]))


if TRAINING:
    train()
else:
    real()
