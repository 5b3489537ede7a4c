# Custom descriptors: __get__/__set__/__delete__/__set_name__, data vs non-data precedence.

class Typed:
    def __init__(self, kind, default=None):
        self.kind = kind
        self.default = default

    def __set_name__(self, owner, name):
        self.name = name
        self.storage = "_" + name
        owner._fields = getattr(owner, "_fields", ()) + (name,)

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.storage, self.default)

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError("%s must be %s, got %s" % (self.name, self.kind.__name__, type(value).__name__))
        setattr(obj, self.storage, value)

    def __delete__(self, obj):
        delattr(obj, self.storage)


class Bounded(Typed):
    def __init__(self, lo, hi):
        super().__init__(int, lo)
        self.lo, self.hi = lo, hi

    def __set__(self, obj, value):
        if not (self.lo <= value <= self.hi):
            raise ValueError("%s out of range [%d, %d]: %d" % (self.name, self.lo, self.hi, value))
        super().__set__(obj, value)


class NonData:
    def __get__(self, obj, objtype=None):
        return "nondata-from-" + (objtype.__name__ if objtype else "?")


class CountAccess:
    def __init__(self):
        self.count = 0

    def __get__(self, obj, objtype=None):
        self.count += 1
        return self.count


class Item:
    name = Typed(str, "unnamed")
    qty = Bounded(0, 100)
    note = NonData()
    hits = CountAccess()

    def __init__(self, name, qty):
        self.name = name
        self.qty = qty


class Lazy:
    def __init__(self, fn):
        self.fn = fn
        self.attr = fn.__name__

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        v = self.fn(obj)
        obj.__dict__[self.attr] = v
        return v


class Data:
    computed = 0

    def __init__(self, n):
        self.n = n

    @Lazy
    def total(self):
        Data.computed += 1
        return sum(range(self.n))


def main():
    it = Item("bolt", 10)
    print(it.name, it.qty, it.note, Item._fields, type(Item.name).__name__)
    for bad in [("name", 5), ("qty", 500), ("qty", "x")]:
        try:
            setattr(it, bad[0], bad[1])
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    it.note = "instance wins"
    print(it.note, Item.note, sorted(vars(it)))
    del it.name
    print(it.name)
    total = 0
    for i in range(200):
        x = Item("i%d" % i, i % 101)
        total += x.qty + len(x.name)
    print(total, it.hits, it.hits, Item.hits)
    d = Data(1000)
    print(d.total, d.total, Data.computed, "total" in vars(d), type(Data.total).__name__)

    class Meth:
        def m(self):
            return 1
    print(Meth.m.__get__(Meth(), Meth)(), Meth.__dict__["m"].__get__(None, Meth) is Meth.__dict__["m"])


main()
