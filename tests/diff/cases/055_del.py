# del of locals, attributes, items, slices, names in loops, and the errors after deletion.

class Obj:
    cls_attr = "class"

    def __init__(self):
        self.a = 1
        self.b = 2


def del_local():
    v = 10
    w = v * 2
    del v
    try:
        return v
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e), w


def del_in_loop(n):
    out = []
    for i in range(n):
        tmp = i * i
        out.append(tmp)
        del tmp
    try:
        tmp
    except NameError as e:
        out.append(type(e).__name__)
    return out


def del_items():
    d = {"a": 1, "b": 2, "c": 3}
    del d["b"]
    lst = list(range(10))
    del lst[0], lst[-1]
    del lst[1:3]
    del lst[::2]
    return d, lst


def main():
    print(del_local())
    print(del_in_loop(5))
    print(del_items())
    o = Obj()
    del o.a
    print(vars(o), hasattr(o, "a"))
    try:
        del o.a
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        del o.cls_attr
    except AttributeError as e:
        print("AttributeError:", e)
    del Obj.cls_attr
    print(hasattr(o, "cls_attr"))
    d = {}
    try:
        del d["nope"]
    except KeyError as e:
        print("KeyError:", e)
    a = b = [1, 2]
    del a
    print(b)
    x, y = 1, 2
    del x, y
    try:
        print(x)
    except NameError as e:
        print("NameError:", e)
    total = 0
    for i in range(500):
        lst = list(range(20))
        del lst[i % 20]
        del lst[:i % 5]
        total += sum(lst)
    print(total)
    g = 5
    def after():
        return "ok"
    del after
    try:
        after()
    except NameError as e:
        print("NameError:", e)


main()
try:
    del main
    main()
except NameError as e:
    print("module NameError:", e)
