# Ends with an uncaught UnboundLocalError: a local assigned later in the function is read first (exit status 1).

count = 0


def increment_ok():
    global count
    count += 1
    return count


def tally(items):
    seen = {}
    for it in items:
        seen[it] = seen.get(it, 0) + 1
    return seen


def increment_bad():
    print("about to read count; it is a local here")
    count += 1
    return count


def main():
    for _ in range(50):
        increment_ok()
    print("count", count)
    print(sorted(tally("the quick brown fox jumps over the lazy dog").items()))
    increment_bad()


main()
