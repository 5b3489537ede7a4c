# Ends with an uncaught IndexError raised inside a generator consumed by a for-loop in another function (exit status 1).

def windows(seq, size):
    for i in range(len(seq) - size + 1):
        yield seq[i:i + size]


def picky(seq, idxs):
    for i in idxs:
        yield seq[i]


def consume(seq):
    total = 0
    for w in windows(seq, 3):
        total += sum(w)
    return total


def main():
    data = list(range(20))
    print("window sum", consume(data))
    s = 0
    for k in range(200):
        s += consume(data[:k % 20])
    print("s", s)
    for v in picky(data, [0, 5, 19, 20, 3]):
        print("picked", v)


main()
