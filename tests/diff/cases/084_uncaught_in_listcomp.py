# Ends with an uncaught exception raised inside a list comprehension inside a function (exit status 1).

def inverse(x):
    return 1.0 / x


def inverses(xs):
    return [round(inverse(x), 6) for x in xs if x is not None]


def main():
    print(inverses([1, 2, 4, None, 8]))
    tot = 0.0
    for i in range(1, 400):
        tot += sum(inverses(range(1, i % 10 + 2)))
    print(round(tot, 6))
    print(inverses([5, -5, 0.0, 3]))


main()
