# Inheritance: single, multiple, super() chains, MRO, method resolution, isinstance/issubclass.

class Base:
    def __init__(self, name):
        self.name = name
        self.trail = ["Base"]

    def hello(self):
        return "Base.hello(%s)" % self.name

    def who(self):
        return "Base"


class Left(Base):
    def __init__(self, name):
        super().__init__(name)
        self.trail.append("Left")

    def who(self):
        return "Left>" + super().who()


class Right(Base):
    def __init__(self, name):
        super().__init__(name)
        self.trail.append("Right")

    def who(self):
        return "Right>" + super().who()

    def hello(self):
        return "Right.hello/" + super().hello()


class Diamond(Left, Right):
    def __init__(self, name):
        super().__init__(name)
        self.trail.append("Diamond")

    def who(self):
        return "Diamond>" + super().who()


class Shape:
    def area(self):
        raise NotImplementedError

    def describe(self):
        return "%s with area %.2f" % (type(self).__name__, self.area())


class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3.14159 * self.r ** 2


class A:
    def f(self):
        return "A"


class B(A):
    pass


class C(A):
    def f(self):
        return "C"


class D(B, C):
    pass


def main():
    d = Diamond("dd")
    print(d.trail, d.who(), d.hello())
    print([k.__name__ for k in Diamond.__mro__])
    print([k.__name__ for k in D.mro()], D().f())
    shapes = [Rect(2, 3), Square(4), Circle(1.5)]
    total = 0
    for i in range(300):
        sh = shapes[i % 3]
        total += sh.area()
    print(round(total, 4))
    for sh in shapes:
        print(sh.describe())
    print(isinstance(Square(1), Rect), isinstance(Square(1), Circle), issubclass(Square, Shape), issubclass(bool, int))
    print(isinstance(d, (Left, Circle)), issubclass(Diamond, (Right,)), Diamond.__bases__ == (Left, Right))
    try:
        Shape().describe()
    except NotImplementedError as e:
        print("NotImplementedError", repr(e))
    try:
        class Bad(Left, Base, Right):
            pass
    except TypeError as e:
        print("TypeError:", e)
    print(super(Left, d).who(), super(Diamond, d).who(), Base.who(d))

    class Counter(dict):
        def __missing__(self, k):
            return 0

        def __setitem__(self, k, v):
            super().__setitem__(k, v * 1)
    c = Counter()
    for ch in "abracadabra":
        c[ch] = c[ch] + 1
    print(sorted(c.items()), type(c).__name__, isinstance(c, dict))


main()
