# Metaclasses and __init_subclass__: registries, attribute injection, __call__ on metaclass, __prepare__, class kwargs.

class RegistryMeta(type):
    registry = {}

    def __new__(mcls, name, bases, ns, **kw):
        ns["created_by"] = mcls.__name__
        cls = super().__new__(mcls, name, bases, ns)
        if bases:
            mcls.registry[name.lower()] = cls
        return cls

    def __call__(cls, *args, **kwargs):
        inst = super().__call__(*args, **kwargs)
        inst.serial = len(getattr(cls, "_made", []))
        cls._made = getattr(cls, "_made", []) + [inst]
        return inst


class Base(metaclass=RegistryMeta):
    def __init__(self, v=0):
        self.v = v


class Foo(Base):
    pass


class Bar(Base):
    pass


class Singleton(type):
    _inst = {}

    def __call__(cls, *a):
        if cls not in cls._inst:
            cls._inst[cls] = super().__call__(*a)
        return cls._inst[cls]


class Config(metaclass=Singleton):
    def __init__(self, name="default"):
        self.name = name


class OrderedMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return {"_order_hint": []}

    def __new__(mcls, name, bases, ns):
        ns["fields"] = [k for k in ns if not k.startswith("_")]
        return super().__new__(mcls, name, bases, dict(ns))


class Rec(metaclass=OrderedMeta):
    zeta = 1
    alpha = 2
    mid = 3


class Plugin:
    plugins = []

    def __init_subclass__(cls, kind="generic", **kw):
        super().__init_subclass__(**kw)
        cls.kind = kind
        Plugin.plugins.append((cls.__name__, kind))


class CsvPlugin(Plugin, kind="csv"):
    pass


class JsonPlugin(Plugin, kind="json"):
    pass


class Plain(Plugin):
    pass


def main():
    fs = [Foo(i) for i in range(5)]
    b = Bar(9)
    print(sorted(RegistryMeta.registry), Foo.created_by, type(Foo).__name__, type(Foo) is RegistryMeta)
    print([f.serial for f in fs], b.serial, len(Foo._made), len(Bar._made))
    c1 = Config("first")
    c2 = Config("second")
    print(c1 is c2, c2.name)
    print(Rec.fields)
    print(Plugin.plugins, CsvPlugin.kind, Plain.kind)
    Dyn = type("Dyn", (Foo,), {"extra": lambda self: self.v * 2})
    print(Dyn(21).extra(), "dyn" in RegistryMeta.registry, Dyn.__mro__[1].__name__, Dyn.created_by)
    total = 0
    for i in range(300):
        total += RegistryMeta.registry["foo"](i).serial
    print(total)
    print(isinstance(Foo, type), type(type), type(Rec).__mro__[0].__name__)


main()
