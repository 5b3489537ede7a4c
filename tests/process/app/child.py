import sys


def main():
    s = 0
    for i in range(1000):
        s += i % 3
    print("child", sys.argv[1:], s)


main()
