import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(args):
    r = subprocess.run([sys.executable] + args, capture_output=True, text=True)
    print(args[0], r.returncode, r.stdout, r.stderr, sep="|")


def main():
    total = 0
    for i in range(300):
        total += i
    print("parent", total)
    run([os.path.join(HERE, "child.py"), "a", "b"])
    run(["-m", "childmod"])
    run(["-c", "import work; print(work.crunch(500))"])


main()
