# Locals the straight path knows (stored or checked there): a float or int re-read after its store, rebound to a str, a bigint or a float subclass in the same run, deleted (argument and local) and read again; and releases that free an object with __del__ in STORE_FAST, STORE_SUBSCR, STORE_ATTR, LOAD_ATTR, BINARY_SUBSCR and FOR_ITER, whose __del__ sees the caller's line and switches line tracing on for it.
import sys


class F(float):
    def __mul__(self, other):
        return "F*"

    __rmul__ = __mul__


def floats(a, b, n):
    out = []
    for i in range(n):
        d = a - b
        e = d * d + d
        f = e * 0.5 - d
        d = d + 1.0
        out.append((d, e, f, d * f, e - f))
    return out


def ints(a, n):
    t = 0
    for i in range(n):
        k = a + i
        t = t + k * k - k // 3
        k = k * 1000000007
        t ^= k & 0xFFFF
        t = t + k % 11
    return t


def rebound(x, y):
    z = x * y
    w = z + z
    z = "s"
    w2 = z * 2
    z = x * y
    return w, w2, z + w, z * w


def rebound_big(x):
    z = x * 3
    z = z * z * z * z * z
    return z + 1, z * z


def rebound_sub(x, y):
    z = x * y
    a = z + 1.0
    z = F(y)
    b = z * 2.0
    return a, b


def deleted_arg(x, flag):
    y = x * 2.0
    if flag:
        del x
    try:
        return y + x
    except UnboundLocalError as e:
        return repr(e)


def deleted_local(v):
    a = v * 2.0
    b = a + 1.0
    del a
    try:
        return b * a
    except UnboundLocalError as e:
        return repr(e)


def same_object(v):
    a = v * 2.0
    b = a
    a = a + 1.0
    return b is a, b, a, b * a


print(floats(3.5, 1.25, 3))
print(floats(3, 1, 2))
print(floats(2 ** 60, 1.0, 2))
print(ints(5, 50), ints(2 ** 40, 10), ints(-7, 20))
print(rebound(1.5, 2.0), rebound(3, 4))
print(rebound_big(10), rebound_big(2 ** 20))
print(rebound_sub(1.5, 2.0), rebound_sub(2, 3))
print(deleted_arg(1.5, False), deleted_arg(1.5, True))
print(deleted_local(2.0), deleted_local(3))
print(same_object(1.0), same_object(5))

# --- releases that run code ---------------------------------------------

seen = []
lines = []


def tracer(frame, event, arg):
    if frame.f_code.co_name.startswith("rel_"):
        lines.append((frame.f_code.co_name, event, frame.f_lineno))
    return tracer


class Noisy:
    def __init__(self, tag, trace=False):
        self.tag = tag
        self.trace = trace
        self.v = 7

    def __del__(self):
        caller = sys._getframe(1)
        seen.append((self.tag, caller.f_code.co_name, caller.f_lineno))
        if self.trace:
            caller.f_trace = tracer
            sys.settrace(tracer)


class Holder:
    def __init__(self):
        self.a = None
        self.items = [None]


def fresh(tag, trace=False):
    h = Holder()
    h.a = Noisy(tag, trace)
    return h


# Each release is the last thing on its line, and the lines after it run
# no code: a tracer the __del__ switched on must be noticed there.
def rel_store_fast(trace):
    x = Noisy("store_fast", trace)
    y = 0.5
    x = y
    y = x * 3.0
    y = y + 1.0
    return x, y


def rel_store_subscr(trace):
    lst = [Noisy("store_subscr", trace), 1]
    y = 2.5
    lst[0] = y * 2.0
    y = lst[0] + 1.0
    y = y * 2.0
    return lst, y


def rel_store_attr(h, trace):
    t = 0.0
    for i in range(3):
        h.a = Noisy("store_attr%d" % i, trace and i == 2)
        h.a = i
        t = t * 2.0 + i
        t = t - 0.5
    return h.a, t


def rel_store_item(h, trace):
    t = 0.0
    for i in range(3):
        h.items[0] = Noisy("store_item%d" % i, trace and i == 2)
        h.items[0] = i
        t = t * 2.0 + i
        t = t - 0.5
    return h.items, t


def rel_load_attr(trace):
    t = 0.0
    for i in range(3):
        v = fresh("load_attr%d" % i, trace and i == 2).a.v
        t = t * 2.0 + v
        t = t - 0.5
    return t


def rel_subscr(trace):
    t = 0.0
    for i in range(3):
        v = [i, Noisy("subscr%d" % i, trace and i == 2)][0]
        t = t * 2.0 + v
        t = t - 0.5
    return t


def rel_for_iter(trace):
    t = 0
    for x in [Noisy("for_iter", trace), 1, 2]:
        t += 1
    t += 10
    t = t * 3
    return t


def show(result):
    sys.settrace(None)
    print(result, seen, lines)
    del seen[:], lines[:]


for trace in (False, True):
    show(rel_store_fast(trace)[1])
    show(rel_store_subscr(trace)[1])
    show(rel_store_attr(Holder(), trace))
    show(rel_store_item(Holder(), trace))
    show(rel_load_attr(trace))
    show(rel_subscr(trace))
    show(rel_for_iter(trace))
