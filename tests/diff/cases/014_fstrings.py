# f-strings: conversions, specs, nested specs, = specifier, expressions, quotes.

class P:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"P({self.name!r})"

    def __str__(self):
        return f"<{self.name}>"

    def __format__(self, spec):
        return f"P[{spec}:{self.name}]"


def fmt(i, width, prec):
    v = i / 3
    return f"{i:>{width}}|{v:{width}.{prec}f}|{v:<{width + 2}.{prec}e}|{i:#0{width}x}"


def main():
    p = P("zoé")
    x = 42
    y = 3.14159
    name = "world"
    print(f"hello {name}!", f"{x}", f"{x!r}", f"{name!r}", f"{p!s}", f"{p!r}", f"{p!a}", f"{p}", f"{p:spec}")
    print(f"{x=}", f"{y=:.2f}", f"{name=!s}", f"{x * 2 = }", f"{p=}", f"{ x = }")
    print(f"{x:08b}", f"{x:>10}", f"{x:<10}|", f"{x:^10}|", f"{y:.3}", f"{y:10.4f}|", f"{-y:+.1e}")
    for i in range(0, 40, 7):
        for width in (4, 8):
            print(fmt(i, width, width // 3))
    d = {"a": 1, "b": [1, 2, 3]}
    print(f"{d['a']} {d['b'][1:]} {len(d)} {'yes' if x > 10 else 'no'} {[c for c in 'abc']}")
    print(f"{{braces}} {{{x}}}", f"{'nested ' + f'{x:03d}'}", f"""{"triple"}""", f'{"dq"}')
    print(f"{3 + 4j}", f"{1_000_000:,}", f"{0.25:%}", f"{-0.0}", f"{None}", f"{True:d}", f"{x!r:>6}")
    items = [(n, n ** 2, n ** 0.5) for n in range(1, 12)]
    for n, sq, rt in items:
        print(f"{n:2d} {sq:4d} {rt:7.4f} {n / 7:.2%} {'#' * n:<12}|")
    lam = (lambda v: v * 3)
    print(f"{lam(4)}", f"{(lambda: 'inner')()}", f"{x if x else y}", f"{x:{'>'}{10}}")
    s = ""
    for k in range(200):
        s = f"{k % 10}{s[:20]}"
    print(s)
    width = 12
    print(f"{'centered':=^{width}}", f"{'right':>{width}}", f"{y:{width}.{3}}")
    print(f"{'a' 'b'}", f"line\tbreak", rf"raw\n{x}", f"{chr(65)}{ord('a')}")


main()
