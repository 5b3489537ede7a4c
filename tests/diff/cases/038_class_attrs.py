# Class attributes vs instance attributes, shadowing, classmethod/staticmethod, counters, mutation through class.

class Widget:
    count = 0
    shared = []
    kind = "widget"

    def __init__(self, name):
        Widget.count += 1
        self.name = name
        self.shared.append(name)

    @classmethod
    def create(cls, n):
        return [cls("%s-%d" % (cls.kind, i)) for i in range(n)]

    @staticmethod
    def helper(x):
        return x * 2

    @classmethod
    def describe(cls):
        return "%s count=%d" % (cls.__name__, cls.count)

    def instance_describe(self):
        return "%s(%s) kind=%s" % (type(self).__name__, self.name, self.kind)


class Gadget(Widget):
    kind = "gadget"


class Cfg:
    debug = False
    level = 1


def main():
    ws = Widget.create(3)
    gs = Gadget.create(2)
    print(Widget.count, Gadget.count, len(Widget.shared), Widget.shared)
    print(Widget.describe(), Gadget.describe(), ws[0].describe(), gs[0].instance_describe())
    print(Widget.helper(4), ws[0].helper(5), Gadget.helper("ab"))
    w = ws[0]
    w.kind = "custom"
    print(w.kind, Widget.kind, ws[1].kind, "kind" in vars(w))
    del w.kind
    print(w.kind)
    Gadget.count = 100
    print(Widget.count, Gadget.count, gs[0].count)
    Widget("late")
    print(Widget.count, Gadget.count)
    c1, c2 = Cfg(), Cfg()
    Cfg.level = 5
    c1.level = 9
    print(c1.level, c2.level, Cfg.level)
    for i in range(200):
        obj = Cfg()
        if i % 2:
            obj.level = i
        Cfg.level += 1 if obj.level == Cfg.level else 0
    print(Cfg.level)
    print(sorted(k for k in vars(Widget) if not k.startswith("__")))
    print(type(vars(Widget)["create"]).__name__, type(vars(Widget)["helper"]).__name__, type(Widget.create).__name__)
    bound = w.instance_describe
    print(bound(), bound.__self__ is w, bound.__func__ is Widget.instance_describe)
    Widget.extra = lambda self: "patched " + self.name
    print(w.extra(), gs[1].extra())


main()
