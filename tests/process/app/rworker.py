"""A worker in the style of regrtest's: arguments and result as JSON."""
import json
import sys


def run(n):
    t = 0
    for i in range(n):
        t += i & 5
    return t


def main():
    args = json.loads(sys.argv[1])
    print(json.dumps({"result": run(args["n"])}))


if __name__ == "__main__":
    main()
