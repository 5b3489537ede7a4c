# __getattr__, __getattribute__, __setattr__, __delattr__, getattr/setattr/hasattr/delattr builtins.

class Record:
    def __init__(self, **fields):
        object.__setattr__(self, "_data", dict(fields))
        object.__setattr__(self, "_log", [])

    def __getattr__(self, name):
        self._log.append("get " + name)
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError("Record has no field %r" % name) from None

    def __setattr__(self, name, value):
        self._log.append("set " + name)
        self._data[name] = value

    def __delattr__(self, name):
        self._log.append("del " + name)
        if name not in self._data:
            raise AttributeError(name)
        del self._data[name]


class Audited:
    def __init__(self):
        self.a = 1
        self.accesses = 0

    def __getattribute__(self, name):
        if name != "accesses" and not name.startswith("__"):
            d = object.__getattribute__(self, "__dict__")
            d["accesses"] = d.get("accesses", 0) + 1
        return object.__getattribute__(self, name)

    def method(self):
        return self.a * 10


class Proxy:
    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        attr = getattr(self._target, name)
        if callable(attr):
            def wrapped(*a, **k):
                return ("proxied", name, attr(*a, **k))
            return wrapped
        return attr


class Fallback:
    x = "class-x"

    def __getattr__(self, name):
        return "dynamic-" + name


def main():
    r = Record(a=1, b=2)
    r.c = 3
    print(r.a, r.b, r.c, getattr(r, "zz", "default"), hasattr(r, "a"), hasattr(r, "nope"))
    del r.a
    try:
        r.a
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        del r.nothing
    except AttributeError as e:
        print("AttributeError:", repr(e))
    print(r._log)
    au = Audited()
    for _ in range(100):
        au.a
    print(au.method(), au.accesses)
    p = Proxy([3, 1, 2])
    print(p.count(1), p.index(2), p.__class__.__name__)
    f = Fallback()
    f.y = "inst-y"
    print(f.x, f.y, f.z, getattr(f, "w"))
    o = type("Obj", (), {})()
    for i in range(50):
        setattr(o, "f%d" % i, i * i)
    print(sum(getattr(o, "f%d" % i) for i in range(50)), len(vars(o)))
    for i in range(0, 50, 2):
        delattr(o, "f%d" % i)
    print(sorted(vars(o))[:5], len(vars(o)))
    try:
        getattr(o, "f0")
    except AttributeError as e:
        print("AttributeError:", e)


main()
