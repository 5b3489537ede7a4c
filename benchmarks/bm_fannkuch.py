"""Fannkuch: for every permutation of 1..N, repeatedly reverse the prefix whose
length is the first element until 1 comes first; report the maximum number
of flips and an alternating checksum over permutation order. Permutations
are visited in the classic rotation order with a count vector.

usage: bm_fannkuch.py [SIZE]   (SIZE = N)
"""

DEFAULT_SIZE = 9


def flips_of(perm):
    p = perm[:]
    flips = 0
    first = p[0]
    while first:
        # Reverse p[0..first] in place.
        lo, hi = 0, first
        while lo < hi:
            p[lo], p[hi] = p[hi], p[lo]
            lo += 1
            hi -= 1
        flips += 1
        first = p[0]
    return flips


def run(n):
    perm = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    index = 0
    while True:
        f = flips_of(perm)
        if f > max_flips:
            max_flips = f
        checksum += f if sign > 0 else -f
        sign = -sign
        index += 1
        # Next permutation: rotate the first r+1 elements left, for the
        # smallest r whose counter has not wrapped.
        r = 1
        while r < n:
            first = perm[0]
            for k in range(r):
                perm[k] = perm[k + 1]
            perm[r] = first
            count[r] += 1
            if count[r] <= r:
                break
            count[r] = 0
            r += 1
        if r >= n:
            break
    return "%d %d %d" % (checksum, max_flips, index)


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
