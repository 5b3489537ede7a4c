# Exit via sys.exit(2) from deep inside a function after printing errors to stderr; SystemExit passes through except Exception.
import sys


class Args:
    def __init__(self, argv):
        self.flags = {}
        self.positional = []
        self.errors = []
        for a in argv:
            if a.startswith("--"):
                k, _, v = a[2:].partition("=")
                if not k:
                    self.errors.append("empty flag name in %r" % a)
                self.flags[k] = v or True
            else:
                self.positional.append(a)


def usage_error(msg):
    print("usage: prog [--flag=value] files...", file=sys.stderr)
    print("error:", msg, file=sys.stderr)
    sys.exit(2)


def process(argv):
    args = Args(argv)
    print("flags", sorted(args.flags.items()), "positional", args.positional)
    if args.errors:
        usage_error("; ".join(args.errors))
    return len(args.positional)


def main():
    print("processed", process(["a.txt", "--verbose", "--level=3", "b.txt"]))
    try:
        process(["--=x", "c.txt", "--"])
    except Exception:
        print("SystemExit is not an Exception, so this is never printed")
    finally:
        print("finally in main runs")
        sys.stdout.flush()


main()
