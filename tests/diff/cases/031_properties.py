# Properties with getters, setters, deleters; validation; computed properties; inheritance of properties.

class Temperature:
    def __init__(self, celsius=0.0):
        self._c = None
        self.celsius = celsius
        self.log = []

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero: %r" % v)
        self._c = v

    @celsius.deleter
    def celsius(self):
        self.log.append("deleted %r" % self._c)
        self._c = None

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, f):
        self.celsius = (f - 32) * 5 / 9


class ReadOnly:
    def __init__(self, v):
        self._v = v

    @property
    def v(self):
        """the value"""
        return self._v


class Base:
    @property
    def kind(self):
        return "base"


class Child(Base):
    @property
    def kind(self):
        return "child/" + super().kind


def old_style():
    class Box:
        def __init__(self):
            self._items = []

        def _get(self):
            return len(self._items)

        def _set(self, n):
            self._items = [0] * n

        size = property(_get, _set, None, "doc for size")
    return Box


def main():
    t = Temperature(25)
    print(t.celsius, t.fahrenheit)
    t.fahrenheit = 212
    print(t.celsius, round(t.fahrenheit, 6))
    del t.celsius
    print(t.celsius, t.log)
    try:
        t.celsius = -300
    except ValueError as e:
        print("ValueError:", e)
    acc = 0.0
    for i in range(1000):
        t.celsius = i / 10
        acc += t.fahrenheit
    print(round(acc, 6))
    r = ReadOnly(5)
    print(r.v, ReadOnly.v.__doc__, type(ReadOnly.v).__name__)
    try:
        r.v = 10
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        del r.v
    except AttributeError as e:
        print("AttributeError:", e)
    print(Child().kind, Base().kind)
    Box = old_style()
    b = Box()
    b.size = 4
    print(b.size, b._items, Box.size.__doc__)
    print(isinstance(Temperature.celsius, property), Temperature.celsius.fset is not None, ReadOnly.v.fset)


main()
