"""Starts workers the way regrtest does: sys.executable, the interpreter's
own flags, -u -m MODULE, JSON on the command line and on stdout."""
import json
import os
import subprocess
import sys


def main():
    pids = []
    for n in (700, 900):
        cmd = [sys.executable, *subprocess._args_from_interpreter_flags(), "-u", "-m",
               "rworker", json.dumps({"n": n})]
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        out, _ = p.communicate()
        pids.append(p.pid)
        print(json.loads(out)["result"], p.returncode)
    with open(os.path.join(sys.argv[1], "pids"), "w") as f:
        f.write(" ".join(map(str, pids)))


if __name__ == "__main__":
    main()
