"""Spectral norm of the infinite matrix A(i, j) = 1/((i+j)(i+j+1)/2 + i + 1),
approximated by power iteration on A^T A restricted to SIZE x SIZE.

usage: bm_spectral_norm.py [SIZE]   (SIZE = matrix order)
"""

from math import sqrt

DEFAULT_SIZE = 250


def entry(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def times(vec, transpose):
    n = len(vec)
    out = []
    for i in range(n):
        acc = 0.0
        if transpose:
            for j in range(n):
                acc += entry(j, i) * vec[j]
        else:
            for j in range(n):
                acc += entry(i, j) * vec[j]
        out.append(acc)
    return out


def times_ata(vec):
    return times(times(vec, False), True)


def run(size):
    u = [1.0] * size
    v = u
    for _ in range(10):
        v = times_ata(u)
        u = times_ata(v)
    vbv = vv = 0.0
    for a, b in zip(u, v):
        vbv += a * b
        vv += b * b
    return "%.9f" % sqrt(vbv / vv)


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
