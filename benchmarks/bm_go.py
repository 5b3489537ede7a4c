"""A Go board engine playing pseudo-random games on a 9x9 board.

The board keeps stones in a flat array with a border, tracks strings (groups)
with their liberties incrementally, captures, forbids suicide and simple ko,
and never fills a player's own single-point eye. Each game is played by a
seeded generator until both sides pass, then scored by area.

usage: bm_go.py [SIZE]   (SIZE = number of games)
"""

DEFAULT_SIZE = 40

EMPTY, BLACK, WHITE, EDGE = 0, 1, 2, 3
WIDTH = 9
STRIDE = WIDTH + 2


class Rng:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 18446744073709551616
        return (self.state >> 33) % n


class Board:
    def __init__(self):
        self.cells = [EDGE] * (STRIDE * STRIDE)
        self.points = []
        for row in range(1, WIDTH + 1):
            for col in range(1, WIDTH + 1):
                p = row * STRIDE + col
                self.cells[p] = EMPTY
                self.points.append(p)
        self.ko = -1
        self.captured = [0, 0, 0]

    def neighbours(self, p):
        return (p - STRIDE, p + STRIDE, p - 1, p + 1)

    def group(self, p):
        """Stones of the string through p and the set of its liberties."""
        colour = self.cells[p]
        stones = [p]
        seen = {p}
        libs = set()
        cells = self.cells
        i = 0
        while i < len(stones):
            q = stones[i]
            i += 1
            for n in (q - STRIDE, q + STRIDE, q - 1, q + 1):
                c = cells[n]
                if c == EMPTY:
                    libs.add(n)
                elif c == colour and n not in seen:
                    seen.add(n)
                    stones.append(n)
        return stones, libs

    def is_eye(self, p, colour):
        cells = self.cells
        for n in self.neighbours(p):
            if cells[n] != colour and cells[n] != EDGE:
                return False
        # A false eye has too many diagonal points held by the opponent.
        other = 3 - colour
        bad = 0
        edge = 0
        for d in (-STRIDE - 1, -STRIDE + 1, STRIDE - 1, STRIDE + 1):
            c = cells[p + d]
            if c == other:
                bad += 1
            elif c == EDGE:
                edge = 1
        return bad + edge < 2

    def legal(self, p, colour):
        if self.cells[p] != EMPTY or p == self.ko:
            return False
        cells = self.cells
        other = 3 - colour
        for n in self.neighbours(p):
            c = cells[n]
            if c == EMPTY:
                return True
        # No empty neighbour: legal only if it captures or joins a string
        # that keeps another liberty.
        cells[p] = colour
        try:
            for n in self.neighbours(p):
                c = cells[n]
                if c == other and len(self.group(n)[1]) == 0:
                    return True
                if c == colour and len(self.group(n)[1]) > 0:
                    return True
            return False
        finally:
            cells[p] = EMPTY

    def play(self, p, colour):
        cells = self.cells
        cells[p] = colour
        other = 3 - colour
        removed = []
        for n in self.neighbours(p):
            if cells[n] == other:
                stones, libs = self.group(n)
                if not libs:
                    for s in stones:
                        cells[s] = EMPTY
                    removed.extend(stones)
        self.captured[colour] += len(removed)
        # Simple ko: a single stone captured by a single stone.
        self.ko = -1
        if len(removed) == 1:
            stones, libs = self.group(p)
            if len(stones) == 1 and len(libs) == 1:
                self.ko = removed[0]

    def score(self):
        """Area score: stones plus empty regions reached by one colour only."""
        cells = self.cells
        totals = [0, 0, 0]
        seen = set()
        for p in self.points:
            c = cells[p]
            if c != EMPTY:
                totals[c] += 1
            elif p not in seen:
                region = [p]
                seen.add(p)
                borders = 0
                i = 0
                while i < len(region):
                    q = region[i]
                    i += 1
                    for n in self.neighbours(q):
                        cn = cells[n]
                        if cn == EMPTY and n not in seen:
                            seen.add(n)
                            region.append(n)
                        elif cn == BLACK or cn == WHITE:
                            borders |= cn
                if borders == BLACK or borders == WHITE:
                    totals[borders] += len(region)
        return totals[BLACK], totals[WHITE]


def play_game(rng):
    board = Board()
    colour = BLACK
    passes = 0
    moves = 0
    candidates = list(board.points)
    while passes < 2 and moves < 400:
        # Pick a random start and scan for the first acceptable move.
        n = len(candidates)
        start = rng.below(n)
        move = -1
        for k in range(n):
            p = candidates[(start + k) % n]
            if board.legal(p, colour) and not board.is_eye(p, colour):
                move = p
                break
        if move < 0:
            passes += 1
        else:
            passes = 0
            board.play(move, colour)
            moves += 1
        colour = 3 - colour
    black, white = board.score()
    return black, white, moves, board.captured[BLACK] + board.captured[WHITE]


def run(size):
    rng = Rng(7)
    wins = 0
    acc = 0
    for _ in range(size):
        black, white, moves, caps = play_game(rng)
        if black > white + 7:
            wins += 1
        acc = (acc * 1000003 + black * 100 + white + moves * 7 + caps * 13) % 4294967291
    return "%d %d" % (wins, acc)


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
