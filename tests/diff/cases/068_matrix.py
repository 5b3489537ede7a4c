# Matrix operations: multiply, transpose, identity, power, determinant via Fractions, Gaussian elimination solving.
from fractions import Fraction


def matmul(a, b):
    n, m, p = len(a), len(b), len(b[0])
    assert len(a[0]) == m
    out = [[0] * p for _ in range(n)]
    for i in range(n):
        ai = a[i]
        oi = out[i]
        for k in range(m):
            aik = ai[k]
            bk = b[k]
            for j in range(p):
                oi[j] += aik * bk[j]
    return out


def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]


def matpow(m, e):
    r = identity(len(m))
    while e:
        if e & 1:
            r = matmul(r, m)
        m = matmul(m, m)
        e >>= 1
    return r


def det(m):
    m = [[Fraction(x) for x in row] for row in m]
    n = len(m)
    d = Fraction(1)
    for c in range(n):
        piv = next((r for r in range(c, n) if m[r][c] != 0), None)
        if piv is None:
            return Fraction(0)
        if piv != c:
            m[c], m[piv] = m[piv], m[c]
            d = -d
        d *= m[c][c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n):
                m[r][k] -= f * m[c][k]
    return d


def solve(a, b):
    n = len(a)
    m = [[Fraction(x) for x in row] + [Fraction(y)] for row, y in zip(a, b)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[piv] = m[piv], m[c]
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


def show(m):
    return "\n".join(" ".join("%6s" % x for x in row) for row in m)


def main():
    a = [[(i * 3 + j * 7) % 10 - 4 for j in range(5)] for i in range(5)]
    b = [[(i + 2 * j) % 6 for j in range(5)] for i in range(5)]
    print(show(a))
    print(show(matmul(a, b)))
    print(show([list(r) for r in zip(*a)]))
    fibm = matpow([[1, 1], [1, 0]], 90)
    print(fibm[0][1])
    print(det(a), det(b), det(identity(4)), det([[1, 2], [2, 4]]))
    x = solve([[2, 1, -1], [-3, -1, 2], [-2, 1, 2]], [8, -11, -3])
    print(x, [str(v) for v in x])
    hilbert = [[Fraction(1, i + j + 1) for j in range(5)] for i in range(5)]
    print(det(hilbert))
    sol = solve(hilbert, [1] * 5)
    print([str(v) for v in sol])
    big = [[(i * j) % 7 + 1 for j in range(30)] for i in range(30)]
    prod = matmul(big, big)
    print(sum(map(sum, prod)), prod[5][7], prod[29][29])
    f = [[0.5, 0.25], [0.125, 1.0]]
    print(matpow(f, 10))


main()
