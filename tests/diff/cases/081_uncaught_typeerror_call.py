# Ends with an uncaught TypeError from calling a function with the wrong number of arguments (exit status 1).

def area(w, h):
    return w * h


def volume(w, h, d):
    return area(w, h) * d


def apply_all(fn, rows):
    return [fn(*r) for r in rows]


def main():
    rows = [(i, i + 1) for i in range(1, 8)]
    print(apply_all(area, rows))
    print(apply_all(volume, [(a, b, 2) for a, b in rows]))
    total = 0
    for i in range(500):
        total += volume(i % 3, i % 5, 2)
    print("total", total)
    print("calling volume with two arguments")
    print(volume(1, 2))


main()
