# sys.exit("message"): the message goes to stderr and the exit status is 1; also shows SystemExit codes caught and inspected.
import sys


def try_exit(code):
    try:
        sys.exit(code)
    except SystemExit as e:
        return repr(e.code)


def check_all(items):
    bad = [x for x in items if x % 7 == 0]
    return bad


def main():
    print([try_exit(c) for c in (0, 1, 5, None, "text", (1, 2))])
    items = list(range(1, 60))
    for _ in range(100):
        bad = check_all(items)
    print("bad items:", bad)
    if bad:
        print("about to exit with a message", flush=True)
        sys.exit("fatal: %d items divisible by 7" % len(bad))
    print("unreachable")


main()
