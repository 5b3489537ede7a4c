# Ends with an uncaught NameError for an undefined global referenced inside a function (exit status 1).

THRESHOLD = 10


def score(values):
    s = 0
    for v in values:
        if v > THRESHOLD:
            s += v
    return s


def normalise(values):
    top = max(values)
    return [v / top for v in values] if top else values


def summary(values):
    print("score", score(values))
    print("normalised", [round(x, 3) for x in normalise(values)])
    return scale_factor * score(values)


def main():
    data = [(i * 13) % 29 for i in range(40)]
    print("data", data)
    for k in range(100):
        score(data)
    print(summary(data))


main()
