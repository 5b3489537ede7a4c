# Indexing a str by an int and iterating over a str, stepped inline, and str equality (trained on ASCII text): strs of one length and of others, of other kinds, a subclass, a str and an int; ASCII, Latin-1, BMP and astral characters, positive and negative indices, out of range (IndexError), bool, bigint and float indices, a str subclass with __getitem__ and __iter__, the shared one-character objects (identity) and new ones above 255, the reference count of the shared objects, empty strs, an iterator advanced by hand before the loop, resumed after the loop, exhausted and reused, sites that meet lists, tuples, dicts, bytes and strs in turn, and a tracer switched on mid-loop.
# pyaot-train: train
import sys


def chars(s):
    out = []
    for ch in s:
        out.append(ch)
    return out


def at(s, i):
    return s[i]


def scan(s):
    # text[i] in a loop, as a tokenizer does
    i = 0
    n = 0
    while i < len(s):
        if s[i] == " ":
            n += 1
        i += 1
    return n


def count_upper(s):
    n = 0
    for ch in s:
        if "A" <= ch <= "Z":
            n += 1
    return n


def same(a, b):
    return a == b, a != b, a < b, a >= b


def train():
    text = "the quick brown fox Jumps over THE lazy dog"
    for _ in range(300):
        same(text[4], " ")
        same("fox", text[16:19])
        chars(text)
        at(text, 3)
        at(text, -1)
        scan(text)
        count_upper(text)


class Shout(str):
    def __getitem__(self, i):
        return str.__getitem__(self, i).upper()

    def __iter__(self):
        return iter(str.upper(self))


def main():
    samples = ["plain ascii", "caf\u00e9 cr\u00e8me", "\u4e2d\u6587 mixed \u00ff",
               "astral \U0001f600 and \U0001f680", "", "x"]
    for s in samples:
        print(repr(chars(s)), scan(s), count_upper(s))
        for i in (0, 1, -1, -2, len(s) - 1, len(s), -len(s), -len(s) - 1, 10 ** 20, True, 2.0):
            try:
                print(repr(at(s, i)), end=" ")
            except (IndexError, TypeError) as exc:
                print(type(exc).__name__, exc, end=" | ")
        print()
    # identity: the interpreter shares characters below 256 only
    s = "a\u00e9\u4e2d"
    print(at(s, 0) is chr(97), at(s, 1) is chr(0xe9), at(s, 2) is chr(0x4e2d), at(s, 2) is s[2])
    print([a is b for a, b in zip(chars(s), chars(s))])
    before = sys.getrefcount("q")
    kept = chars("q" * 50) + [at("qq", 1) for _ in range(20)]
    print(sys.getrefcount("q") - before, len(kept))
    del kept
    print(sys.getrefcount("q") - before)
    # equality of strs of one length, of other lengths, kinds and contents
    built = "".join(["ca", "f\u00e9"])
    for a, b in (("a", "a"), ("a", "b"), ("ab", "a"), ("", ""), ("", "x"), ("e", "\u00e9"),
                 ("caf\u00e9", built), (built, "cafe"), ("\u4e2d", "\U0001f600"),
                 ("\U0001f600x", "\U0001f600y"), ("x" * 300, "x" * 299 + "y"),
                 (Shout("ab"), "ab"), ("ab", Shout("AB")), ("1", 1)):
        try:
            print(repr(a), repr(b), same(a, b))
        except TypeError as exc:
            print(repr(a), repr(b), "TypeError", exc)
    # a subclass overrides both
    sh = Shout("quiet words")
    print(chars(sh), at(sh, 0), at(sh, -1), scan(sh), count_upper(sh))
    # iterators advanced by hand, resumed, exhausted
    it = iter("resumable")
    next(it), next(it)
    print(chars(it), chars(it), list(it))
    it = iter("\u4e2d\u6587\u5b57")
    print(next(it), chars(it), next(it, "end"))
    # one site, many containers
    for c in ([1, 2, 3], (4, 5, 6), {0: "zero", -1: "minus"}, b"bytes", "str", range(7, 10),
              bytearray(b"ba")):
        print(repr(at(c, 0)), repr(at(c, -1)), chars(c))
    # a tracer switched on in the middle of a str loop
    events = []

    def tracer(frame, event, arg):
        if frame.f_code.co_name == "count_upper":
            events.append((event, frame.f_lineno))
        return tracer

    def toggle(s):
        n = 0
        for k, ch in enumerate(s):
            if k == 2:
                sys.settrace(tracer)
            n += count_upper(ch)
        sys.settrace(None)
        return n

    print(toggle("AbCdE"), len(events), events[:4])


if sys.argv[1:] == ["train"]:
    train()
else:
    train()
    main()
