# bytearray: mutation, slice assignment, extend, pop, insert, in-place ops.

def xor_cipher(buf, key):
    for i in range(len(buf)):
        buf[i] ^= key[i % len(key)]
    return buf


def reverse_inplace(buf):
    i, j = 0, len(buf) - 1
    while i < j:
        buf[i], buf[j] = buf[j], buf[i]
        i += 1
        j -= 1


def main():
    ba = bytearray(b"hello world")
    print(ba, len(ba), ba[0], ba[-1])
    ba[0] = ord("H")
    ba[6:11] = b"WORLD!!"
    print(ba)
    ba.append(33)
    ba.extend(b" ok")
    ba.insert(0, 62)
    print(ba, ba.pop(), ba.pop(0), ba)
    del ba[2:4]
    print(ba)
    ba.remove(ord("W"))
    print(ba, ba.find(b"O"), ba.index(b"!"), ba.count(b"!"))
    key = b"k3y"
    buf = bytearray(range(40))
    enc = xor_cipher(bytearray(buf), key)
    print(enc.hex())
    dec = xor_cipher(bytearray(enc), key)
    print(dec == buf, bytes(dec[:10]))
    for n in range(1, 200):
        b2 = bytearray(range(n % 256))
        reverse_inplace(b2)
        if n % 40 == 0:
            print(n, bytes(b2[:8]), len(b2))
    x = bytearray(b"ab")
    x += b"cd"
    x *= 2
    print(x, x.upper(), x.replace(b"a", b"zz"), bytearray(3), bytearray("é", "utf-8"))
    x[::2] = b"XXXX"
    print(x)
    x[1:3] = b""
    print(x, x.decode(), str(x, "ascii"))
    try:
        x[0] = 300
    except ValueError as e:
        print("ValueError:", e)
    try:
        x[::2] = b"ab"
    except ValueError as e:
        print("ValueError:", e)
    x.clear()
    print(x, repr(bytearray(b"\x00\x7f\x80")), bytearray.fromhex("0a0b"), x == b"")


main()
