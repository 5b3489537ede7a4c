# abc: abstract methods, abstract properties, instantiation errors, register, collections.abc checks.
from abc import ABC, ABCMeta, abstractmethod
import collections.abc as cabc


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @property
    @abstractmethod
    def name(self):
        ...

    def report(self):
        return "%s: %.3f" % (self.name, self.area())


class Sq(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s

    @property
    def name(self):
        return "square"


class Half(Shape):
    def area(self):
        return 0.5


class Plugin(metaclass=ABCMeta):
    @abstractmethod
    def run(self):
        pass

    @classmethod
    def __subclasshook__(cls, C):
        if cls is Plugin and any("run" in B.__dict__ for B in C.__mro__):
            return True
        return NotImplemented


class Duck:
    def run(self):
        return "quack"


class Registered:
    pass


Plugin.register(Registered)


class MySeq(cabc.Sequence):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError
        return i * 10


def main():
    shapes = [Sq(i) for i in range(1, 6)]
    print([s.report() for s in shapes])
    print(sum(s.area() for s in shapes for _ in range(100)))
    for cls in (Shape, Half):
        try:
            cls()
        except TypeError as e:
            print("TypeError:", e)
    print(isinstance(Duck(), Plugin), issubclass(Registered, Plugin), isinstance(1, Plugin))
    print(sorted(Shape.__abstractmethods__), sorted(Half.__abstractmethods__), Sq.__abstractmethods__)
    m = MySeq(5)
    print(list(m), 20 in m, m.index(30), m.count(10), list(reversed(m)), isinstance(m, cabc.Iterable))
    print(isinstance([], cabc.MutableSequence), isinstance((), cabc.MutableSequence), isinstance({}, cabc.Mapping),
          isinstance("s", cabc.Hashable), isinstance([], cabc.Hashable), issubclass(dict, cabc.Sized))


main()
