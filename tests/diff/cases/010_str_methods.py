# String methods: split/join/strip/replace/find/count/partition/case/just/etc.

def caesar(s, k):
    out = []
    for ch in s:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + k) % 26 + 97))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - 65 + k) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)


def word_freq(text):
    freq = {}
    for w in text.lower().replace(",", " ").replace(".", " ").split():
        freq[w] = freq.get(w, 0) + 1
    return sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))


def main():
    s = "  The quick brown fox, jumps over the lazy dog.  "
    print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr(s.strip(" .T")))
    print(s.split(), s.split(" ", 3), s.rsplit(None, 2), "a,b,,c".split(","), "a\nb\r\nc\n".splitlines())
    print("a\nb\r\nc\n".splitlines(True), "-".join(["x", "y", "z"]), "".join([]))
    print(s.find("o"), s.rfind("o"), s.find("zz"), s.index("fox"), s.count("o"), s.count(""))
    print(s.replace("o", "0"), s.replace("o", "0", 2))
    print("key=value=x".partition("="), "key=value=x".rpartition("="), "none".partition("="))
    print("hello world".title(), "Hello".swapcase(), "hello".capitalize(), "ABC".lower(), "abc".upper())
    print("ß".upper(), "ǅ".lower(), "İ".lower(), "straße".casefold())
    print("42".zfill(5), "-42".zfill(6), "ab".center(7, "*"), "ab".ljust(5, "."), "ab".rjust(5))
    print("abc".isalpha(), "12".isdigit(), "a1".isalnum(), " ".isspace(), "Ab".istitle(), "AB".isupper())
    print("x".startswith(("a", "x")), "file.py".endswith(".py"), "abc".startswith("b", 1))
    print("a\tb\tc".expandtabs(4), "tab\there".expandtabs())
    print("prefix_name".removeprefix("prefix_"), "name.txt".removesuffix(".txt"))
    print(caesar("Hello, World!", 3), caesar(caesar("Round Trip", 11), 15))
    for w, c in word_freq("The cat and the hat. The end, and the cat."):
        print(w, c)
    table = str.maketrans("abc", "xyz", "d")
    print("abcdabcd".translate(table), "hello".encode("utf-8"), "%s" % "x" * 3)
    acc = []
    for i in range(300):
        w = str(i) * (i % 4)
        acc.append(w.center(6, "-")[:6])
    print(len("".join(acc)), acc[:10], acc[-3:])
    print("Mississippi".split("ss"), "a b  c".split(" "), "  ".join("abc"), "x".join("123"))
    print(min("hello"), max("hello"), sorted("hello"), "ell" in "hello", "z" not in "hello")
    print("abc" * 3, 3 * "ab", "abc" < "abd", "Z" < "a", "" < "a", "abc" == "ab" + "c")


main()
