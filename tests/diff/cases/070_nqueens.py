# N-queens via backtracking (count and first solution) with sets and with bitmasks; sudoku-like constraint check.

def solve_sets(n):
    cols, d1, d2 = set(), set(), set()
    board = []
    sols = []

    def place(r):
        if r == n:
            sols.append(list(board))
            return
        for c in range(n):
            if c in cols or (r - c) in d1 or (r + c) in d2:
                continue
            cols.add(c); d1.add(r - c); d2.add(r + c); board.append(c)
            place(r + 1)
            cols.remove(c); d1.remove(r - c); d2.remove(r + c); board.pop()

    place(0)
    return sols


def count_bits(n):
    full = (1 << n) - 1

    def go(cols, ld, rd):
        if cols == full:
            return 1
        total = 0
        avail = full & ~(cols | ld | rd)
        while avail:
            bit = avail & -avail
            avail -= bit
            total += go(cols | bit, ((ld | bit) << 1) & full, (rd | bit) >> 1)
        return total

    return go(0, 0, 0)


def render(sol):
    n = len(sol)
    return "\n".join("".join("Q" if sol[r] == c else "." for c in range(n)) for r in range(n))


def valid(sol):
    n = len(sol)
    return all(sol[i] != sol[j] and abs(sol[i] - sol[j]) != j - i for i in range(n) for j in range(i + 1, n))


def main():
    for n in range(1, 9):
        sols = solve_sets(n)
        print(n, len(sols), count_bits(n), all(valid(s) for s in sols), sols[0] if sols else None)
    print(render(solve_sets(8)[0]))
    print(count_bits(9))
    s6 = solve_sets(6)
    print(s6)
    print(sorted(tuple(reversed(s)) for s in s6) == sorted(tuple(s) for s in s6))


main()
