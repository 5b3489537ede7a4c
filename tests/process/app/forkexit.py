import os
import sys

import pre
import work


def main():
    pre.warm(3000)
    pid = os.fork()
    if pid == 0:
        print("child", work.crunch(2000))
        sys.stdout.flush()
        os._exit(3)
    _, status = os.waitpid(pid, 0)
    print("parent", os.waitstatus_to_exitcode(status))
    with open(os.path.join(sys.argv[1], "pids"), "w") as f:
        f.write(str(pid))


main()
