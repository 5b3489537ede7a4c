# C functions and method descriptors of built-in types called without
# vectorcall: every flavour (METH_O, METH_NOARGS, METH_FASTCALL with and
# without keywords), through bound methods, unbound descriptors and
# subclasses, and every argument error the ordinary call would raise.
import math
import sys


class MyStr(str):
    pass


class MyList(list):
    def pop(self, *args):
        print("  MyList.pop", args)
        return list.pop(self, *args)


def calls():
    s = "a,b,,c"
    out = []
    out.append(s.split(","))                 # FASTCALL | KEYWORDS
    out.append(s.upper())                    # NOARGS
    out.append(s.count(","))                 # FASTCALL
    out.append(",".join(["x", "y"]))         # str.join, inlined separately
    out.append(str.split(s, ",", 1))         # unbound descriptor
    out.append(MyStr("q r").split())         # subclass self
    out.append(abs(-3))                      # builtin METH_O
    out.append(divmod(17, 5))                # builtin FASTCALL
    out.append(math.sqrt(16.0))              # module function METH_O
    out.append(math.hypot(3, 4))             # module FASTCALL
    d = {"k": 1}
    out.append(d.get("k"))
    out.append(d.setdefault("z", 2))
    out.append(d.pop("k"))
    out.append(sorted(d.items()))
    lst = [3, 1, 2]
    lst.sort(key=lambda v: -v)               # keywords: ordinary call
    out.append(lst)
    out.append(lst.index(1))
    out.append(MyList([1, 2]).pop())
    out.append(getattr(sys, "maxsize") > 0)
    return out


print(calls())

errors = [
    lambda: str.upper(5),                    # descriptor, wrong self type
    lambda: str.upper(),                     # descriptor, no self
    lambda: "x".upper(1),                    # NOARGS given an argument
    lambda: abs(),                           # METH_O without its argument
    lambda: abs(1, 2),                       # METH_O given two
    lambda: [].append(),                     # descriptor METH_O, none
    lambda: math.sqrt("a"),                  # the function itself raises
    lambda: "a".split(1),                    # argument parsing raises
    lambda: {}.pop("missing"),
    lambda: list.append(MyStr("s"), 1),      # subclass of the wrong type
]
for f in errors:
    try:
        print("no error", f())
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)


class Deep:
    def __len__(self):
        return len(self)


try:
    len(Deep())
except RecursionError:
    print("RecursionError through len")


def via_c(n):
    # sorted() calls back into Python for each key, nesting C and Python.
    return sorted(range(n), key=lambda v: via_c(v - 1) if v > 0 else [0])


print(len(via_c(6)))
