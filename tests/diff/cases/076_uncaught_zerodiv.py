# Ends with an uncaught ZeroDivisionError three calls deep (traceback compared, exit status 1).

def ratio(a, b):
    return a // b


def average_ratio(pairs):
    total = 0
    for a, b in pairs:
        total += ratio(a, b)
    return total / len(pairs)


def report(batches):
    for i, batch in enumerate(batches):
        print("batch", i, "avg ratio", average_ratio(batch))


def main():
    ok = [[(i * 7, (i % 5) + 1) for i in range(1, 50)] for _ in range(3)]
    report(ok)
    acc = 0
    for i in range(1000):
        acc += ratio(i, i % 9 + 1)
    print("acc", acc)
    bad = [[(10, 2), (9, 3)], [(5, 1), (4, 0), (3, 3)]]
    report(bad)
    print("not reached")


main()
