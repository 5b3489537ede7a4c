# __repr__ vs __str__, repr of containers holding custom objects, print with sep/end/file=sys.stderr/flush.
import sys


class Both:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return "Both(%r)" % self.v

    def __str__(self):
        return "<both %s>" % self.v


class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"


class OnlyStr:
    def __str__(self):
        return "only-str"

    def __repr__(self):
        return "OnlyStr<repr>"


class Recursive:
    def __init__(self):
        self.children = []

    def __repr__(self):
        return "R%r" % (self.children,)


def report(i, err):
    stream = sys.stderr if err else sys.stdout
    print("item", i, "err" if err else "ok", sep=":", end=";\n", file=stream)


def main():
    b = Both("x")
    print(b, str(b), repr(b), [b], (b,), {"k": b}, {b.v: [b, b]})
    print(OnlyRepr(), str(OnlyRepr()), OnlyStr(), [OnlyStr()], "%s %r" % (OnlyStr(), OnlyStr()))
    r = Recursive()
    r.children.append(Recursive())
    r.children[0].children.append(Recursive())
    print(r)
    print("a", "b", "c", sep="")
    print("a", "b", "c", sep=" | ", end=" <end>\n")
    print()
    print("no newline", end="")
    print(" ...continued")
    print(1, 2.0, None, True, [1], sep=", ")
    print("to stderr", 42, file=sys.stderr)
    print("flushed", flush=True)
    for i in range(12):
        report(i, i % 4 == 3)
    sys.stdout.write("written directly\n")
    sys.stderr.write("stderr direct\n")
    print(repr("quote's"), repr('dq"'), repr("both'\""), repr("\n\t\\"), repr("\x00\x7f\u200b"), str(b"bytes"))
    print(repr(1.0), repr(10 ** 20), repr(-0.0), repr([1.5, "s", None, (), (1,), {}]), repr(set()), repr({1: {2: [3]}}))
    print(str(3), str("s"), str([1, "s"]), str((1, "s")), format(b), f"{b}", f"{b!r}")
    print(*range(10), sep="-")
    print(*"abc", *[1, 2], sep="")
    lines = []
    for i in range(100):
        lines.append(repr(Both(i)) if i % 2 else str(Both(i)))
    print(" ".join(lines[:10]), len("".join(lines)))
    print("end", file=sys.stdout)


main()
