# Formatting floats: repr, str, %, format specs, rounding in formatting.

def fmt_all(x):
    return [
        repr(x), str(x), "%f" % x, "%.2f" % x, "%e" % x, "%g" % x, "%10.3f" % x,
        "%-10.1f|" % x, "%+.3e" % x, format(x, ".3g"), format(x, ","), format(x, "_.2f"),
        format(x, "%"), format(x, ".1%"), f"{x:>12.4f}", f"{x:^12.2e}", f"{x:012.3f}",
        f"{x:+}", f"{x: }", f"{x:.0f}", f"{x:#.0f}", f"{x:G}", f"{x:.10g}",
    ]


def table(xs):
    lines = []
    for i, x in enumerate(xs):
        lines.append("%3d %12.5f %14.6e %s" % (i, x, x, x))
    return lines


def main():
    for x in (0.0, -0.0, 1.0, 0.1, 1 / 3, 2 / 3, -1234.5678, 1e16, 1.5e-7, 123456789.125,
              float("inf"), float("-inf"), float("nan"), 2.5, 3.5, 0.125, 1e22, 1e-5):
        print(fmt_all(x))
    for line in table([i * 1.1 - 5 for i in range(12)]):
        print(line)
    print([round(i / 7, 3) for i in range(10)])
    print(repr(0.1 + 0.2), repr(1.1 * 3), str(1e100), repr(1e-100), 1e16, 1e15, 123456789012345678.0)
    print(format(1234567.891, ",.2f"), format(-0.5, ".0f"), format(1.5, ".0f"), format(2.5, ".0f"))
    print("{:.3}".format(3.14159), "{:8.3}|".format(2.0), "{:e}".format(0.0))
    s = 0.0
    for i in range(1000):
        s += i * 0.001
    print(s, "%.20f" % s, round(s, 5))
    print(f"{1e-7}", f"{1e-4}", f"{1e-3!r}", f"{123.0}", f"{1e21}", f"{-1e16}")


main()
