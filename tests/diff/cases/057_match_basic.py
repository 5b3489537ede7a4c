# match statement: literals, captures, wildcards, sequences, mappings, guards, or-patterns, as-patterns, value patterns.
import enum


class Status(enum.Enum):
    OK = 200
    NOT_FOUND = 404


HTTP_TEAPOT = 418


class Codes:
    TEAPOT = 418


def literal(v):
    match v:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case "hello":
            return "greeting"
        case True:
            return "true"
        case None:
            return "none"
        case 2.5:
            return "two and a half"
        case -1:
            return "minus one"
        case Codes.TEAPOT:
            return "teapot"
        case Status.OK:
            return "status ok"
        case _:
            return "other:%r" % (v,)


def seq(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return "one(%r)" % (x,)
        case [x, y] if x == y:
            return "pair-equal(%r)" % (x,)
        case [x, y]:
            return "pair(%r,%r)" % (x, y)
        case [first, *_, last] if len(v) > 5:
            return "long %r..%r" % (first, last)
        case [0, *rest]:
            return "zero-led %r" % (rest,)
        case [(1 | 2) as a, b, *rest]:
            return "ab %r %r %r" % (a, b, rest)
        case (x, y, z):
            return "triple %r" % ((x, y, z),)
        case _:
            return "seq?"


def mapping(v):
    match v:
        case {"type": "point", "x": x, "y": y}:
            return "point(%s,%s)" % (x, y)
        case {"type": "circle", "r": r, **rest} if r > 0:
            return "circle r=%s extra=%s" % (r, sorted(rest))
        case {"type": str(t)}:
            return "typed " + t
        case {}:
            return "any mapping"
        case str() | bytes():
            return "stringish"
        case _:
            return "not a mapping"


def command(cmd):
    match cmd.split():
        case ["go", ("north" | "south" | "east" | "west") as d]:
            return "moving " + d
        case ["go", *other]:
            return "can't go %s" % " ".join(other)
        case ["take", item, "from", place]:
            return "take %s @ %s" % (item, place)
        case ["drop", *items] if items:
            return "drop %d items" % len(items)
        case ["quit" | "exit"]:
            return "bye"
        case _:
            return "unknown"


def main():
    for v in [0, 1, 3, "hello", True, None, 2.5, -1, 418, Status.OK, Status.NOT_FOUND, 1.0, False, "x", (1,)]:
        print(repr(v), "->", literal(v))
    for v in [[], [7], [4, 4], [4, 5], list(range(8)), [0, 9, 8], [1, 2, 3, 4], (5, 6, 7), "abc", [2, "b"], [3, 4, 5, 6]]:
        print(repr(v), "->", seq(v))
    for v in [{"type": "point", "x": 1, "y": 2, "z": 3}, {"type": "circle", "r": 5, "c": 1, "a": 2},
              {"type": "circle", "r": 0}, {"type": 5}, {}, {"other": 1}, "s", b"b", 42]:
        print(repr(v), "->", mapping(v))
    for c in ["go north", "go up down", "take lamp from table", "drop a b c", "drop", "quit", "exit now", ""]:
        print(repr(c), "->", command(c))
    counts = {}
    for i in range(2000):
        r = literal(i % 7 - 1)
        counts[r] = counts.get(r, 0) + 1
    print(sorted(counts.items()))


main()
