# String slicing with steps, negative indices, out-of-range, and indexing.

def all_slices(s):
    out = []
    n = len(s)
    for start in (None, 0, 1, -1, -3, n, n + 5):
        for stop in (None, 0, 2, -2, n, -n - 3):
            for step in (None, 1, 2, -1, -2, 3):
                out.append(s[start:stop:step])
    return out


def rev_words(s):
    return " ".join(w[::-1] for w in s.split())


def is_pal(s):
    t = [c.lower() for c in s if c.isalnum()]
    return t == t[::-1]


def main():
    s = "Hello, World!"
    res = all_slices(s)
    print(len(res), sum(len(x) for x in res))
    print(res[:20])
    print(res[-20:])
    print(s[0], s[-1], s[3:8], s[::-1], s[::2], s[1::3], s[-5:-1], s[100:], s[:-100])
    print(rev_words("the quick brown fox jumps"))
    for p in ("A man, a plan, a canal: Panama", "hello", "No lemon, no melon", ""):
        print(repr(p), is_pal(p))
    try:
        s[50]
    except IndexError as e:
        print("IndexError:", e)
    t = "abcdefghij"
    for i in range(-len(t), len(t)):
        print(i, t[i], t[i:], t[:i], t[i::-1], end="; ")
    print()
    sl = slice(1, 8, 2)
    print(t[sl], sl.indices(len(t)), slice(None, None, -1).indices(5), repr(sl))
    print("".join(t[i] for i in range(0, len(t), 3)))


main()
