# str.format: positional, keyword, attribute, index, conversion, nested specs, format_map.

class Money:
    def __init__(self, cents):
        self.cents = cents

    def __format__(self, spec):
        if spec == "":
            spec = ".2f"
        return "$" + format(self.cents / 100, spec)

    def __repr__(self):
        return "Money(%d)" % self.cents


class Defaulting(dict):
    def __missing__(self, key):
        return "<" + key + ">"


def render(template, **kw):
    return template.format(**kw)


def main():
    print("{} {} {}".format(1, "two", 3.0))
    print("{2} {0} {1} {0}".format("a", "b", "c"))
    print("{name} is {age}".format(name="Bob", age=30))
    print("{0[0]} {0[1]} {1[key]}".format([10, 20], {"key": "v"}))
    m = Money(12345)
    print("{0.cents} {0!r} {0} {0:>12,.1f} {0:.0f}".format(m))
    print("{!s} {!r} {!a}".format("é", "é", "é"))
    for w in range(4, 13, 4):
        for p in range(0, 4):
            print("[{:{w}.{p}f}] [{:>{w}}] [{:^{w}}]".format(3.14159, "x", "mid", w=w, p=p))
    print("{:<8}|{:>8}|{:^8}|{:*^8}|{:08.3f}|{:+d}|{: d}".format("l", "r", "c", "s", -1.5, 5, 5))
    print("{:b} {:o} {:x} {:X} {:#b} {:#o} {:#x} {:c} {:,} {:_} {:_x}".format(10, 10, 255, 255, 5, 8, 255, 97, 10 ** 7, 10 ** 7, 2 ** 20))
    print("{:e} {:.2%} {:g} {:n}".format(12345.678, 0.4567, 1e-10, 1234))
    print("{{literal}} {}".format("x"), "{0:{1}}".format("pad", 6) + "|")
    print("{a}-{b}".format_map(Defaulting(a=1)), render("<{x}:{y!r}>", x=1, y="s"))
    print(format(42, "08b"), format("s", "^5"), format(True), format(None), format([1, 2]))
    rows = []
    for i in range(1, 60):
        rows.append("{:>3}|{:<6}|{:^7.2f}|{:x}".format(i, "*" * (i % 6), i / 7, i * 31))
    print("\n".join(rows[::7]))
    for bad in ["{", "{0:x}", "{1}", "{:d}"]:
        try:
            print(bad.format("s"))
        except (ValueError, IndexError) as e:
            print(type(e).__name__, e)


main()
