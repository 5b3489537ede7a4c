# Container protocol: __len__, __contains__, __getitem__/__setitem__/__delitem__ with slices, __iter__ fallback, __reversed__, __missing__.

class SparseVec:
    def __init__(self, n):
        self.n = n
        self.d = {}

    def __len__(self):
        return self.n

    def _norm(self, i):
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError("SparseVec index out of range: %d" % i)
        return i

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.n))]
        return self.d.get(self._norm(i), 0)

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            for j, x in zip(range(*i.indices(self.n)), v):
                self[j] = x
            return
        i = self._norm(i)
        if v == 0:
            self.d.pop(i, None)
        else:
            self.d[i] = v

    def __delitem__(self, i):
        del self.d[self._norm(i)]

    def __contains__(self, v):
        return v in self.d.values() or (v == 0 and len(self.d) < self.n)

    def __repr__(self):
        return "SparseVec(%d, %r)" % (self.n, sorted(self.d.items()))


class OldSeq:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError(i)
        return i * i


class Deck:
    def __init__(self):
        self.cards = [r + s for s in "SH" for r in "A23"]

    def __len__(self):
        return len(self.cards)

    def __getitem__(self, i):
        return self.cards[i]

    def __reversed__(self):
        return iter(["reversed!"] + self.cards[::-1])


class Grid:
    def __init__(self):
        self.cells = {}

    def __getitem__(self, key):
        r, c = key
        return self.cells.get((r, c), ".")

    def __setitem__(self, key, v):
        self.cells[key] = v


class Empty:
    def __len__(self):
        return 0


def main():
    v = SparseVec(10)
    for i in range(0, 10, 3):
        v[i] = i + 1
    v[-1] = 99
    print(v, len(v), v[3], v[-1], v[2:8], v[::-3], 4 in v, 0 in v, 55 in v)
    v[1:4] = [7, 8, 0]
    print(v)
    del v[0]
    print(v)
    for bad in (10, -11):
        try:
            v[bad]
        except IndexError as e:
            print("IndexError:", e)
    try:
        del v[5]
    except KeyError as e:
        print("KeyError:", e)
    o = OldSeq()
    print(list(o), 9 in o, 10 in o, [x for x in o if x % 2])
    d = Deck()
    print(list(d), list(reversed(d)), d[1:3], "2H" in d, len(d), sorted(d))
    g = Grid()
    for i in range(5):
        g[i, i] = "#"
        g[i, 4 - i] = "x"
    for r in range(5):
        print("".join(g[r, c] for c in range(5)))
    print(bool(Empty()), bool(v), len(Empty()))
    s = SparseVec(1000)
    for i in range(0, 1000, 7):
        s[i] = i
    print(sum(s[i] for i in range(len(s))), len(s.d))
    try:
        len(OldSeq())
    except TypeError as e:
        print("TypeError:", e)


main()
