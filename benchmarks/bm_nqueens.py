"""N-queens with generators: a recursive generator places one queen per row
(``yield from`` for the rows below), a second solver filters permutations
produced by a hand-written permutation generator through a generator
expression; on a board three smaller both must find the same solutions.

usage: bm_nqueens.py [SIZE]   (SIZE = board size N)
"""

DEFAULT_SIZE = 11


def place(n, row, cols, diag_down, diag_up, board):
    if row == n:
        yield tuple(board)
        return
    for col in range(n):
        if col in cols or (row - col) in diag_down or (row + col) in diag_up:
            continue
        cols.add(col)
        diag_down.add(row - col)
        diag_up.add(row + col)
        board.append(col)
        yield from place(n, row + 1, cols, diag_down, diag_up, board)
        board.pop()
        cols.discard(col)
        diag_down.discard(row - col)
        diag_up.discard(row + col)


def permutations_of(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for tail in permutations_of(rest):
            tail.insert(0, items[i])
            yield tail


def safe(perm):
    n = len(perm)
    return (len({perm[i] + i for i in range(n)}) == n
            and len({perm[i] - i for i in range(n)}) == n)


def solutions_by_filter(n):
    return (tuple(p) for p in permutations_of(list(range(n))) if safe(p))


def fingerprint(solutions):
    acc = 0
    count = 0
    for sol in solutions:
        count += 1
        for row, col in enumerate(sol):
            acc = (acc * 31 + row * 17 + col) % 1000000007
    return count, acc


def run(size):
    count, fp = fingerprint(place(size, 0, set(), set(), set(), []))
    # Cross-check on a smaller board: permutation filtering grows as N!.
    k = max(size - 3, 1)
    by_place = fingerprint(place(k, 0, set(), set(), set(), []))
    by_filter = fingerprint(solutions_by_filter(k))
    if by_place != by_filter:
        raise AssertionError("solvers disagree: %r vs %r" % (by_place, by_filter))
    return "%d %d %d %d" % (count, fp, by_filter[0], by_filter[1])


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
