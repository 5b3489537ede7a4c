import os
import subprocess
import sys

CHILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "flagchild.py")
FLAGS = {"none": [], "-s": ["-s"], "-u": ["-u"], "-Xdev": ["-X", "dev"],
         "-I": ["-I"], "-E": ["-E"], "-S": ["-S"]}


def main():
    lines = []
    for name, opts in FLAGS.items():
        p = subprocess.Popen([sys.executable, *opts, CHILD], stdout=subprocess.PIPE, text=True)
        out, _ = p.communicate()
        print(name, out.strip(), p.returncode)
        lines.append("%s %d\n" % (name, p.pid))
    with open(os.path.join(sys.argv[1], "pids"), "w") as f:
        f.writelines(lines)


main()
