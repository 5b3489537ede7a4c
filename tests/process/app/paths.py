import os


def main():
    acc = 0
    for i in range(3000):
        p = os.path.join("/usr", "lib%d" % i, os.fspath("x.py"))
        acc += len(os.path.dirname(p)) + len(os.path.basename(p)) + len(os.path.splitext(p)[0])
        acc += len(os.fsencode(p)) + os.path.isabs(p)
    print(acc, os.path.normpath("/a/./b/../c"), os.path.exists("/"), os.getenv("NO_SUCH_X", "d"))


main()
