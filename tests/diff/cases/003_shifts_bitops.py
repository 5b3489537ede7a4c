# Shifts and bit operations including negatives and big ints.

def popcount(n):
    c = 0
    while n:
        n &= n - 1
        c += 1
    return c


def reverse_bits(n, width):
    r = 0
    for _ in range(width):
        r = (r << 1) | (n & 1)
        n >>= 1
    return r


def gray(n):
    return n ^ (n >> 1)


def xorshift(state):
    state ^= (state << 13) & 0xFFFFFFFF
    state ^= state >> 17
    state ^= (state << 5) & 0xFFFFFFFF
    return state & 0xFFFFFFFF


def main():
    for a in (0, 1, 5, -5, 255, -256, 2 ** 70 + 3):
        print(a, a << 3, a >> 2, a & 0xF0, a | 0x0F, a ^ 0xAA, ~a)
    print([popcount(i) for i in range(20)])
    print(sum(popcount(i) for i in range(5000)))
    print([reverse_bits(i, 8) for i in range(1, 12)])
    print([gray(i) for i in range(16)])
    s = 2463534242
    out = []
    for i in range(2000):
        s = xorshift(s)
        if i % 250 == 0:
            out.append(s)
    print(out)
    print(-1 >> 100, -1 << 100, 1 << 100, (1 << 100) >> 99)
    print(-17 >> 1, -17 >> 3, 17 >> 1, -(17 >> 1))
    print((-12345) & 0xFFFF, (-12345) | 7, (-12345) ^ -1)
    print(bin(-37), oct(-37), hex(-37), bin(2 ** 40))
    print((123).bit_length(), (-123).bit_length(), (0).bit_length())
    print((255).bit_count(), (-255).bit_count())
    try:
        print(1 << -1)
    except ValueError as e:
        print("ValueError", e)
    mask = 0
    for i in range(0, 64, 3):
        mask |= 1 << i
    print(mask, hex(mask), mask & ~(mask >> 1))


main()
