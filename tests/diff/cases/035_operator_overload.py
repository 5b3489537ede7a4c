# Operator overloading: arithmetic, reflected, in-place, comparison, hashing, bool, neg/abs, NotImplemented.
import functools


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return "Vec(%r, %r)" % (self.x, self.y)

    def __add__(self, o):
        if isinstance(o, Vec):
            return Vec(self.x + o.x, self.y + o.y)
        if isinstance(o, (int, float)):
            return Vec(self.x + o, self.y + o)
        return NotImplemented

    def __radd__(self, o):
        return self.__add__(o)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        if isinstance(k, Vec):
            return self.x * k.x + self.y * k.y
        return Vec(self.x * k, self.y * k)

    __rmul__ = __mul__

    def __truediv__(self, k):
        return Vec(self.x / k, self.y / k)

    def __floordiv__(self, k):
        return Vec(self.x // k, self.y // k)

    def __mod__(self, k):
        return Vec(self.x % k, self.y % k)

    def __pow__(self, k):
        return Vec(self.x ** k, self.y ** k)

    def __matmul__(self, o):
        return self.x * o.y - self.y * o.x

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __pos__(self):
        return self

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __invert__(self):
        return Vec(self.y, self.x)

    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __bool__(self):
        return bool(self.x or self.y)


class Acc:
    def __init__(self):
        self.items = []

    def __iadd__(self, v):
        self.items.append(v)
        return self

    def __add__(self, v):
        n = Acc()
        n.items = self.items + [v]
        return n

    def __repr__(self):
        return "Acc(%r)" % self.items


@functools.total_ordering
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))

    def __eq__(self, o):
        return self.parts == o.parts

    def __lt__(self, o):
        return self.parts < o.parts

    def __hash__(self):
        return hash(self.parts)

    def __repr__(self):
        return "V" + ".".join(map(str, self.parts))


class Weird:
    def __eq__(self, o):
        return "eq-result"

    def __lt__(self, o):
        return NotImplemented

    def __gt__(self, o):
        return True


def main():
    a, b = Vec(1, 2), Vec(3, -4)
    print(a + b, a - b, a * 3, 3 * a, a * b, a / 2, b // 2, b % 3, a ** 2, a @ b, -a, +a, abs(b), ~a)
    print(a + 1, 1 + a, sum([a, b, Vec(0, 0)], Vec(0, 0)), sum([a, b]), a == Vec(1, 2), a != b, bool(Vec(0, 0)))
    try:
        a + "s"
    except TypeError as e:
        print("TypeError:", e)
    try:
        "s" + a
    except TypeError as e:
        print("TypeError:", e)
    print(len({a, Vec(1, 2), b}), {a: "first"}[Vec(1, 2)])
    v = Vec(0, 0)
    for i in range(1000):
        v += Vec(i % 3, -(i % 5))
        v = v * 1
    print(v)
    acc = Acc()
    alias = acc
    acc += 1
    acc += 2
    acc2 = acc + 3
    print(acc, alias, acc2, acc is alias)
    vs = [Version(s) for s in ["1.10.0", "1.2", "1.2.1", "0.9.9", "1.10"]]
    print(sorted(vs), max(vs), Version("1.2") <= Version("1.2"), Version("2.0") >= Version("1.99"), Version("1.0") > Version("1.0"))
    w = Weird()
    print(w == 1, w > 1, 1 < w, 1 == w, w != 1)
    try:
        print(Weird() < object())
    except TypeError as e:
        print("TypeError:", e)
    lst = [1, 2]
    t = lst
    lst += [3]
    s = "ab"
    s2 = s
    s += "c"
    print(lst, t, s, s2)


main()
