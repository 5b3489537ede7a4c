# Walrus operator := in while, if, comprehensions (binds in enclosing scope), nested.
import re


def read_chunks(data, size):
    pos = 0
    out = []
    while (chunk := data[pos:pos + size]):
        out.append(chunk)
        pos += size
    return out


def first_long(words, n):
    if any((hit := w) and len(w) > n for w in words):
        return hit
    return None


def stats(nums):
    return [y for x in nums if (y := x * x - 10) > 0]


def parse(lines):
    out = {}
    for line in lines:
        if (m := re.match(r"(\w+)=(\d+)", line)) is not None:
            out[m.group(1)] = int(m.group(2))
        elif (n := len(line)) > 3:
            out["long%d" % n] = line
    return out


def main():
    print(read_chunks("abcdefghij", 3), read_chunks("", 2))
    print(first_long(["a", "bbb", "ccccc", "dd"], 3), first_long(["x"], 5))
    print(stats(range(-5, 6)))
    print(parse(["a=1", "junk line", "b=22", "xy", "c=333"]))
    total = 0
    for i in range(1000):
        if (r := i % 7) > 3:
            total += r
    print(total, r)
    vals = [last := v for v in range(5)]
    print(vals, last)
    n = 0
    while (n := n + 1) < 10:
        pass
    print(n)
    data = [3, 8, 1, 9, 4]
    print([(v, big) for v in data if (big := v > 4)], big)
    print((z := 10) + z, z)
    print(f"{(w := 5)} {w * 2}")
    def counter():
        c = 0
        results = [(c := c + 1) for _ in range(4)]
        return results, c
    print(counter())


main()
