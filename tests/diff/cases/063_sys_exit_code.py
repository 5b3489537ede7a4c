# Exit via sys.exit(3) after writing to stdout and stderr; finally blocks and atexit handlers run on the way out.
import atexit
import sys


def on_exit():
    print("atexit handler ran")
    sys.stderr.write("atexit stderr\n")


def validate(records):
    errors = []
    for i, r in enumerate(records):
        if not isinstance(r, int):
            errors.append("record %d: not an int: %r" % (i, r))
        elif r < 0:
            errors.append("record %d: negative: %d" % (i, r))
    return errors


def run():
    atexit.register(on_exit)
    recs = [i * 3 - 10 if i % 5 else "bad%d" % i for i in range(20)]
    total = sum(r for r in recs if isinstance(r, int) and r >= 0)
    print("total of valid records:", total)
    errs = validate(recs)
    for e in errs:
        print("error:", e, file=sys.stderr)
    try:
        if errs:
            print("exiting with code 3")
            sys.exit(3)
    finally:
        print("finally before exit")
    print("never reached")


try:
    run()
except SystemExit as e:
    print("caught SystemExit with code", e.code, "- re-raising")
    raise
