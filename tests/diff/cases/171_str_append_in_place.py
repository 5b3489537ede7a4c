# `s += x` and `s = s + x` stored back into the same local extend the str in place when nothing else refers to it (as 3.11's BINARY_OP_INPLACE_ADD_UNICODE): another local, a list, a tuple or a dict key holding the old string keeps it unchanged; interned and shared strings, `s += s`, str subclasses on either side, non-str operands (TypeError, __radd__), numbers, lists and tuples with +=, an unbound local, a cell variable, a walrus and chained assignment; a generator and a method; a long loop whose result is checked by length and hash; `s = t + x` into another local; a tracer reading the local mid-loop. Trained functions take the profile's path, the rest the no-profile one.
# pyaot-train: train
import sys

TRAINING = len(sys.argv) > 1


class S(str):
    def __add__(self, other):
        return S("S(" + str.__add__(self, other) + ")")


class R:
    def __radd__(self, other):
        return "R[" + other + "]"


def grow(n, piece):
    s = ""
    for i in range(n):
        s += piece
    return s


def grow_plus(n):
    s = "x"
    for i in range(n):
        s = s + str(i % 10)
    return s


def aliases():
    s = "".join(["ab", "cd"])  # not interned
    t = s
    s += "ef"
    kept = [s]
    s += "gh"
    tup = (s,)
    s += "ij"
    d = {s: 1}
    s += "kl"
    return t, kept, tup, list(d), s


def interned():
    s = "abc"
    s += "d"
    u = "abcd"
    return s, s == u


def self_append():
    s = "".join(["x", "y"])
    s += s
    s = s + s
    return s


def subclasses():
    a = S("a")
    a += "b"
    b = "c"
    b += S("d")
    c = "e"
    c += R()
    return a, type(a).__name__, b, type(b).__name__, c


def wrong_types():
    out = []
    s = "abc"
    try:
        s += 1
    except TypeError as exc:
        out.append(str(exc))
    out.append(s)
    n = 5
    n += 2
    f = 1.5
    f += 2
    lst = [1]
    other = lst
    lst += [2]
    tup = (1,)
    tup += (2,)
    return out, n, f, lst, other, other is lst, tup


def other_local():
    t = "".join(["t", "u"])
    s = "".join(["s", "s"])
    for i in range(3):
        s = t + str(i)
    return t, s


def unbound():
    try:
        s += "x"
    except UnboundLocalError as exc:
        return str(exc)
    s = ""
    return s


def cell():
    s = "q"
    for i in range(5):
        s += str(i)

    def inner():
        return s

    return inner()


def walrus_and_chain():
    s = "".join(["w", "v"])
    out = []
    for i in range(3):
        out.append(s := s + "!")
    a = b = s + "?"
    s = s + "."
    return out, a, b, a is b, s


def gen(n):
    s = ""
    for i in range(n):
        s += chr(65 + i % 26)
        yield s


class Log:
    def __init__(self):
        self.text = ""

    def add(self, word):
        text = self.text
        text += word + " "
        self.text = text
        return len(text)


def train():
    for i in range(300):
        grow(20, "ab")
        grow_plus(20)
        aliases()
        self_append()
        other_local()
        Log().add("w")
        list(gen(5))
    print("trained")


if TRAINING:
    train()
    sys.exit(0)

print(len(grow(0, "ab")), len(grow(1, "ab")), grow(5, "ab"))
big = grow(5000, "xyz")
print(len(big), hash(big) == hash("xyz" * 5000), big[:9], big[-9:])
gp = grow_plus(3000)
print(len(gp), gp[:12], gp[-12:])
print(aliases())
print(interned())
print(self_append())
print(subclasses())
print(wrong_types())
print(other_local())
print(unbound())
print(cell())
print(walrus_and_chain())
print(list(gen(30))[-1], [len(x) for x in gen(5)])
log = Log()
print([log.add(w) for w in ["one", "two", "three"]], repr(log.text))


def traced_append(n):
    s = ""
    for i in range(n):
        s += str(i)
        if i == 3:
            sys.settrace(tracer)
            sys._getframe().f_trace = tracer
    sys.settrace(None)
    return s


seen = []


def tracer(frame, event, arg):
    if frame.f_code.co_name == "traced_append" and event == "line":
        seen.append(frame.f_locals.get("s"))
    return tracer


print(traced_append(8), seen)
