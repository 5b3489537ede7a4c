# Operations on values just built (lists, tuples, sets, dicts, strs from BUILD_* and f-strings, slices) beside numbers in registers: repetition and concatenation by len() and arithmetic results, set and dict operators, slices built from int arithmetic, right operands overriding __radd__/__rmul__/__ror__ (which may return numbers), errors such as a list times a float, and a tracer switched on mid-loop.
import sys


class RAdd(int):
    def __radd__(self, other):
        return len(other) * 100 + int(self)

    def __rmul__(self, other):
        return ("rmul", len(other), int(self))


class ROr:
    def __ror__(self, other):
        return sorted(other)[0] * 3


def repeat(p):
    n = len(p)
    table = [0] * n
    pairs = [(i, i * i) for i in range(n)] + [(n, n)] * 2
    word = f"{p[0]}-{n}" * (n % 3 + 1)
    tup = (p[0], n) * n + (n + 1,)
    return table, pairs[-2:], word, tup


def set_ops(p):
    n = len(p)
    a = {n, n + 1} | {1}
    b = {n: 1} | {n + 1: 2}
    c = {n, 2 * n} - {n}
    d = frozenset((n,)) & {n, 3}
    return sorted(a), b, c, d


def slices(p):
    n = len(p)
    return p[1:n - 1], p[::n % 2 + 1], p[n // 2:], (p + [0])[slice(1, n)]


def overloads(p, r, o):
    n = len(p)
    out = [[n] + r, [n] * r, (n,) + r, {n} | o]
    out.append(f"{n}" + str(r + 1))
    return out


def errors(p):
    n = len(p)
    res = []
    for f in (lambda: [0] * (n / 2), lambda: (n,) + [n], lambda: {n} + {n},
              lambda: f"{n}" - n, lambda: [n] * "x"):
        try:
            res.append(f())
        except TypeError as e:
            res.append(type(e).__name__ + ": " + str(e))
    return res


def traced(rounds):
    events = []

    def tracer(frame, event, arg):
        if event == "line" and frame.f_code.co_name == "traced":
            events.append(frame.f_lineno - traced.__code__.co_firstlineno)
        return tracer

    acc = []
    for k in range(rounds):
        if k == rounds - 2:
            sys.settrace(tracer)
            sys._getframe().f_trace = tracer
        acc.append(len([k] * (k % 4) + [0] * len(acc)))
    sys.settrace(None)
    return acc[-3:], events


for k in range(60):
    p = list(range(k % 7 + 1))
    r = repeat(p)
    s = set_ops(p)
    sl = slices(p)
    if k % 20 == 0:
        print(k, r, s, sl)
print(overloads([1, 2], RAdd(7), ROr()))
for k in range(40):
    o = overloads(list(range(k % 3 + 1)), RAdd(k), ROr())
print(o)
print(errors([1, 2, 3]))
print(traced(50))
