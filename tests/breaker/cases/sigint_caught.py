"""SIGINT sent from outside while a for loop runs: KeyboardInterrupt is caught
by the caller, its traceback names the loop, and native code keeps working
afterwards."""

import itertools
import traceback


def count():
    n = 0
    print("ready", flush=True)
    for _ in itertools.count():  # loop
        n += 1  # loop


def main():
    try:
        count()
    except KeyboardInterrupt:
        print(traceback.format_exc(), end="")
    total = 0
    for i in range(100000):
        total += i
    print("after the interrupt:", total)


main()
