# Shadowed builtins and globals: module-level len, function-local list, global statements, deleting a global to get the builtin back.
import builtins

_real_len = len


def len(obj):
    return "fake-len(%d)" % _real_len(obj)


def uses_len(x):
    return len(x)


def local_list():
    list = [9, 8, 7]
    return list[0] + sum(list)


def param_shadow(str=5, max=None):
    return str * 2, max


def restore():
    global len
    del len


def uses_builtin_again(x):
    return len(x)


counter = 0


def bump(n):
    global counter
    for _ in range(n):
        counter += 1
    return counter


def make_global():
    global created_later
    created_later = "I exist now"


def read_created():
    return created_later


def shadow_print():
    print = lambda *a: builtins.print("[shadowed]", *a)
    print("hello", 1)
    return "done"


def shadow_in_loop():
    out = []
    for sum in range(3):
        out.append(sum)
    return out, builtins.sum(out)


def local_type_shadow(v):
    def type(x):
        return "custom type of " + builtins.type(x).__name__
    return type(v)


def main():
    print(uses_len([1, 2, 3]), uses_len("abcd"))
    print(local_list(), list("ab"))
    print(param_shadow(), param_shadow(str="x", max=3), str(5), max(2, 3))
    for _ in range(100):
        bump(10)
    print(counter)
    make_global()
    print(read_created())
    print(shadow_print())
    print(shadow_in_loop())
    restore()
    print(uses_builtin_again([1, 2, 3]), uses_len("abc"), "len" in globals())
    globals()["abs"] = lambda v: "my-abs"
    print(abs(-3), builtins.abs(-3))
    del globals()["abs"]
    print(abs(-3))
    try:
        restore()
    except NameError as e:
        print("NameError:", e)
    print(local_type_shadow(3), type(3).__name__, isinstance(3, int))


main()
