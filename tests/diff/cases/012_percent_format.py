# printf-style % formatting of all kinds.

def fmt_row(name, qty, price):
    return "%-10s|%5d|%8.2f|%-+6d|%x|%o|%X|%#x|%#o|%e" % (name, qty, price, qty, qty, qty, qty, qty, qty, price)


class Pt:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Pt(%r, %r)" % (self.x, self.y)

    def __str__(self):
        return "(%s, %s)" % (self.x, self.y)


def main():
    items = [("apple", 3, 1.5), ("banana", 12, 0.25), ("cherry", -4, 10.0), ("dürian", 255, 99.999)]
    for it in items:
        print(fmt_row(*it))
    for i in range(0, 400, 37):
        print("%05d %5.1f%% %s %r %c" % (i, i / 4, i, str(i), 65 + i % 26))
    print("%(name)s is %(age)d years, %(age)05.1f" % {"name": "Ann", "age": 42})
    print("%s %r %a" % ("é", "é", "é"), "%s" % (Pt(1, "a"),), "%r" % Pt(2.5, None))
    print("%*d|%-*d|%.*f" % (6, 42, 6, 42, 3, 3.14159))
    print("%%d literal %d" % 5, "%c%c" % ("x", 121), "%s" % [1, 2], "%s" % ((1, 2),))
    print("%i %u %d" % (3.9, -2, True), "%.3s" % "abcdef", "%5s|%-5s|" % ("ab", "cd"))
    print(b"%s and %d and %b" % (b"bytes", 7, b"x"))
    for bad in [("%d", "x"), ("%s %s", (1,)), ("%s", (1, 2)), ("%z", 1)]:
        try:
            print(bad[0] % bad[1])
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    total = []
    for n in range(50):
        total.append("%3d:%-4s" % (n, bin(n)[2:]))
    print("".join(total))


main()
