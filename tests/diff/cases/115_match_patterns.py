# match statements: every pattern kind (class patterns with __match_args__ and self-matching builtins, mapping patterns with **rest, sequence patterns with star, or/as/value/guard), and the errors raised while matching.
import collections
import collections.abc
import sys
import traceback


def show(label):
    print("---", label)
    traceback.print_exc(file=sys.stdout)


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class Color:
    RED = "red"
    GREEN = "green"


class Lazy:
    __match_args__ = ("value",)

    @property
    def value(self):
        raise ZeroDivisionError("property blew up")

    @property
    def missing(self):
        raise AttributeError("no such thing")


class BadArgsType:
    __match_args__ = ["x"]
    x = 1


class BadArgsItem:
    __match_args__ = ("x", 3)
    x = 1


class Dup:
    __match_args__ = ("a", "a")
    a = 1


class Rows(collections.abc.Sequence):
    def __init__(self, *items):
        self.items = items

    def __getitem__(self, i):
        return self.items[i]

    def __len__(self):
        return len(self.items)


class Config(collections.abc.Mapping):
    def __init__(self, **kw):
        self.kw = kw
        self.lookups = 0

    def __getitem__(self, k):
        self.lookups += 1
        return self.kw[k]

    def __iter__(self):
        return iter(self.kw)

    def __len__(self):
        return len(self.kw)


def classify(subject):
    match subject:
        case None | True | False:
            return "singleton %r" % (subject,)
        case 0 | 1 | 2:
            return "small int"
        case -3.5 | 1e10 | 2j:
            return "numeric literal"
        case "hello" | b"bytes":
            return "text literal"
        case Color.RED | Color.GREEN:
            return "color %s" % subject
        case int(n) if n < 0:
            return "negative int %d" % n
        case int(n) | float(n) if n > 1000:
            return "big number %r" % n
        case str() as s if len(s) > 10:
            return "long string %d" % len(s)
        case [] | ():
            return "empty sequence"
        case [x]:
            return "one element %r" % (x,)
        case [Point(x=0, y=0), *rest]:
            return "starts at origin, %d more" % len(rest)
        case [first, *_, last] if first == last:
            return "same ends %r" % (first,)
        case [int(a), int(b), *middle, str() as tail]:
            return "ints %d %d middle %r tail %s" % (a, b, middle, tail)
        case (1, (2, [3, *inner])):
            return "nested %r" % inner
        case {"kind": "circle", "r": r, **rest}:
            return "circle r=%r extra=%r" % (r, sorted(rest.items()))
        case {"kind": "rect", "w": w, "h": h}:
            return "rect %rx%r" % (w, h)
        case {}:
            return "some mapping with %d keys" % len(subject)
        case Point3(x, y, z):
            return "point3 %r %r %r" % (x, y, z)
        case Point(0, y):
            return "on y axis at %r" % y
        case Point(x, y=0):
            return "on x axis at %r" % x
        case Point(x=px) if px == 7:
            return "x is seven"
        case Point():
            return "some point"
        case bytes(b) | bytearray(b):
            return "binary %r" % bytes(b)
        case list(l) | tuple(l):
            return "other sequence of %d" % len(l)
        case str(s):
            return "short string %r" % s
        case float(f):
            return "float %r" % f
        case int(i):
            return "int %r" % i
        case _:
            return "unmatched %s" % type(subject).__name__


SUBJECTS = [
    None, True, 0, 2, -3.5, 1e10, 2j, "hello", b"bytes", "red", -7, 5000, 1e4, "a long string!",
    [], (), [9], [Point(0, 0), 1, 2], [4, 5, 4], [1, 2, 3, "end"], (1, (2, [3, 4, 5])),
    {"kind": "circle", "r": 2, "color": "blue", "z": 0}, {"kind": "rect", "w": 3, "h": 4},
    {"kind": "other"}, Point3(1, 2, 3), Point(0, 5), Point(6, 0), Point(7, 7), Point(8, 9),
    bytearray(b"ba"), [1, 2], (5, 6, 7), "short", 3.25, 77, object(), Rows(1, 2, 1),
    Rows(), collections.deque([Point(0, 0), 5]), "xy", range(3), {1, 2},
    collections.OrderedDict(kind="rect", w=1, h=2), Config(kind="circle", r=9),
    collections.defaultdict(int, kind="rect"),
]


def match_errors():
    probes = [
        ("__match_args__ not tuple", lambda s: _match_one_positional(BadArgsType, s), BadArgsType()),
        ("__match_args__ item not str", lambda s: _match_two_positional(BadArgsItem, s), BadArgsItem()),
        ("too many positional", lambda s: _match_three_positional(s), Point(1, 2)),
        ("int too many positional", lambda s: _match_int_two(s), 5),
        ("duplicate attribute", lambda s: _match_dup(s), Dup()),
        ("keyword duplicates positional", lambda s: _match_x_twice(s), Point(1, 2)),
        ("property raises", lambda s: _match_one_positional(Lazy, s), Lazy()),
        ("not a type", lambda s: _match_not_type(s), 5),
        ("duplicate mapping key", lambda s: _match_dup_keys(s), {"red": 1, "blue": 2}),
        ("guard raises", lambda s: _match_guard_raises(s), [1]),
    ]
    for label, fn, subject in probes:
        try:
            print(label, "->", fn(subject))
        except (TypeError, ValueError, ZeroDivisionError):
            show(label)


def _match_one_positional(cls, s):
    match s:
        case cls(v):
            return "matched %r" % v
    return "no match"


def _match_two_positional(cls, s):
    match s:
        case cls(v, w):
            return "matched %r %r" % (v, w)
    return "no match"


def _match_three_positional(s):
    match s:
        case Point(a, b, c):
            return (a, b, c)
    return "no match"


def _match_int_two(s):
    match s:
        case int(a, b):
            return (a, b)
    return "no match"


def _match_dup(s):
    match s:
        case Dup(a, b):
            return (a, b)
    return "no match"


def _match_x_twice(s):
    match s:
        case Point(a, x=b):
            return (a, b)
    return "no match"


NOT_A_TYPE = len


def _match_not_type(s):
    match s:
        case NOT_A_TYPE():
            return "?"
    return "no match"


class Keys:
    A = "red"
    B = "red"


def _match_dup_keys(s):
    match s:
        case {Keys.A: 1, Keys.B: 2}:
            return "?"
    return "no match"


def _match_guard_raises(s):
    match s:
        case [x] if x / 0:
            return "?"
    return "no match"


def missing_attribute_is_no_match():
    class HasMissing:
        @property
        def missing(self):
            raise AttributeError("no such thing")

    match HasMissing():
        case HasMissing(missing=m):
            return "matched %r" % m
        case _:
            return "AttributeError means no match"


def main():
    for s in SUBJECTS:
        print(classify(s))
    d = collections.defaultdict(list)
    match d:
        case {"absent": _}:
            print("unexpected")
        case _:
            print("defaultdict untouched:", dict(d))
    c = Config(kind="rect", w=1, h=2)
    print(classify(c), "lookups", c.lookups)
    match_errors()
    print(missing_attribute_is_no_match())
    tally = collections.Counter()
    for i in range(300):
        match i % 5, i % 3:
            case (0, 0):
                tally["fizzbuzz"] += 1
            case (0, _):
                tally["buzz"] += 1
            case (_, 0):
                tally["fizz"] += 1
            case _:
                tally["number"] += 1
    print(sorted(tally.items()))


main()
