# Ends with a failing assert inside a function (uncaught AssertionError with a message; exit status 1).

def is_sorted(xs):
    return all(a <= b for a, b in zip(xs, xs[1:]))


def bubble(xs, passes=None):
    xs = list(xs)
    n = len(xs)
    for p in range(n if passes is None else passes):
        for i in range(n - 1 - p):
            if xs[i] > xs[i + 1]:
                xs[i], xs[i + 1] = xs[i + 1], xs[i]
    return xs


def checked_sort(xs, passes=None):
    out = bubble(xs, passes)
    assert len(out) == len(xs)
    assert is_sorted(out), "not sorted after %s passes: %r" % (passes, out)
    return out


def main():
    data = [(i * 17) % 23 for i in range(23)]
    print(checked_sort(data))
    for k in range(50):
        checked_sort([(k * i) % 7 for i in range(12)])
    print("all full sorts ok")
    print(checked_sort(data, passes=3))


main()
