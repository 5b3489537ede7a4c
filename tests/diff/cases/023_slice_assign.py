# Slicing lists with steps, slice assignment (growing, shrinking, extended), deletion.

def rotate(lst, k):
    k %= len(lst)
    lst[:] = lst[-k:] + lst[:-k]
    return lst


def main():
    a = list(range(10))
    print(a[::2], a[1::2], a[::-1], a[::-3], a[8:2:-2], a[-3:], a[:-7:-1], a[5:1], a[100:200])
    b = a[:]
    b[2:5] = ["x"]
    print(b)
    b[1:1] = [100, 200, 300]
    print(b)
    b[:] = b[::-1]
    print(b)
    b[-2:] = []
    print(b)
    c = list(range(10))
    c[::2] = "abcde"
    print(c)
    try:
        c[::2] = [1, 2]
    except ValueError as e:
        print("ValueError:", e)
    d = list(range(20))
    del d[::3]
    print(d)
    del d[2:5]
    print(d)
    del d[-1]
    del d[0]
    print(d)
    del d[::-2]
    print(d)
    e = list(range(8))
    e[len(e):] = [8, 9]
    e[:0] = [-1]
    print(e)
    e[2:6] = range(3)
    print(e)
    for k in range(-3, 12, 4):
        print(k, rotate(list(range(7)), k))
    x = list(range(50))
    for i in range(40):
        x[i:i + 3] = x[i:i + 3][::-1]
    print(x)
    ba = bytearray(b"abcdefgh")
    ba[::3] = b"XYZ"
    del ba[1::4]
    print(ba)
    s = slice(2, None, 3)
    y = list(range(15))
    print(y[s], s.start, s.stop, s.step)
    y[s] = [0] * len(y[s])
    print(y)
    t = tuple(range(10))
    print(t[::4], t[-1:-4:-1], "abcdef"[::-2])


main()
