# __slots__: attribute restrictions, inheritance with slots, slots with defaults via class attrs.

class P:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)

    def __repr__(self):
        return "P(%r, %r)" % (self.x, self.y)


class P3(P):
    __slots__ = ("z",)

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

    def norm1(self):
        return super().norm1() + abs(self.z)


class Loose(P):
    pass


class WithDict:
    __slots__ = ("a", "__dict__")


def main():
    pts = [P(i - 50, 25 - i) for i in range(100)]
    print(sum(p.norm1() for p in pts), pts[:3])
    p = P(1, 2)
    try:
        p.z = 3
    except AttributeError as e:
        print("AttributeError:", e)
    del p.x
    try:
        print(p.x)
    except AttributeError as e:
        print("AttributeError:", e)
    p.x = 7
    print(p, hasattr(p, "__dict__"), P.__slots__, type(P.x).__name__)
    q = P3(1, -2, 3)
    print(q, q.norm1(), q.z)
    try:
        q.w = 1
    except AttributeError as e:
        print("AttributeError:", e)
    l = Loose(1, 1)
    l.extra = "ok"
    print(l.extra, hasattr(l, "__dict__"), vars(l))
    w = WithDict()
    w.a = 1
    w.b = 2
    print(w.a, w.b, vars(w))
    total = 0
    for i in range(1000):
        r = P3(i, -i, i % 7)
        r.x += 1
        total += r.norm1()
    print(total)
    try:
        P(1, 2).__dict__
    except AttributeError as e:
        print("AttributeError:", e)


main()
