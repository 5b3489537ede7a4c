# bytes: literals, indexing, slicing, methods, hex, repr of unusual bytes.

def checksum(data):
    a, b = 1, 0
    for byte in data:
        a = (a + byte) % 65521
        b = (b + a) % 65521
    return (b << 16) | a


def rle(data):
    out = bytearray()
    i = 0
    while i < len(data):
        j = i
        while j < len(data) and data[j] == data[i] and j - i < 255:
            j += 1
        out.append(j - i)
        out.append(data[i])
        i = j
    return bytes(out)


def unrle(data):
    out = bytearray()
    for i in range(0, len(data), 2):
        out += bytes([data[i + 1]]) * data[i]
    return bytes(out)


def main():
    b = b"Hello\x00\xff\n\t'\"\\"
    print(b, repr(b), len(b), b[0], b[-1], b[1:4], b[::-1], list(b[:3]))
    print(b.hex(), b.hex(":"), bytes.fromhex("de ad be ef"), b"abc".upper(), b" x ".strip())
    print(b"a,b,c".split(b","), b"-".join([b"x", b"y"]), b"abc".find(b"c"), b"aaa".count(b"a"))
    print(b"abc" + b"def", b"ab" * 3, b"b" in b"abc", 98 in b"abc", b"abc" < b"abd")
    print(bytes(5), bytes([65, 66, 67]), bytes(range(250, 256)), bytes("é", "utf-8"))
    data = bytes((i * 7 + i // 3) % 256 for i in range(3000))
    print(checksum(data), checksum(b"Wikipedia"))
    r = rle(b"aaaabbbcccccccccccd" + b"\x00" * 300)
    print(r, unrle(r) == b"aaaabbbcccccccccccd" + b"\x00" * 300)
    total = 0
    for i in range(500):
        chunk = data[i:i + 10]
        total += sum(chunk) ^ len(chunk)
    print(total)
    print(b"%d-%s" % (5, b"x"), b"abc".replace(b"b", b"BB"), b"Title case".title(), b"12".isdigit())
    print(int.from_bytes(b"\x00\x10", "big"), (4096).to_bytes(2, "little"), b"\x80abc".decode("latin-1"))
    try:
        b"abc"[0] = 1
    except TypeError as e:
        print("TypeError:", e)
    try:
        bytes([256])
    except ValueError as e:
        print("ValueError:", e)
    print(memoryview(b"abcdef")[1:4].tobytes(), bytes(memoryview(b"xyz")), b"ab".zfill(5))


main()
