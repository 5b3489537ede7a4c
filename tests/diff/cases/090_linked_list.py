# A doubly linked list class implementing the full sequence protocol with dunder methods; used heavily.

class Node:
    __slots__ = ("val", "prev", "next")

    def __init__(self, val):
        self.val = val
        self.prev = self.next = None


class DList:
    def __init__(self, items=()):
        self.head = self.tail = None
        self.n = 0
        for it in items:
            self.append(it)

    def append(self, v):
        node = Node(v)
        if self.tail is None:
            self.head = self.tail = node
        else:
            node.prev = self.tail
            self.tail.next = node
            self.tail = node
        self.n += 1

    def appendleft(self, v):
        node = Node(v)
        if self.head is None:
            self.head = self.tail = node
        else:
            node.next = self.head
            self.head.prev = node
            self.head = node
        self.n += 1

    def _node(self, i):
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError("DList index out of range")
        if i < self.n // 2:
            cur = self.head
            for _ in range(i):
                cur = cur.next
        else:
            cur = self.tail
            for _ in range(self.n - 1 - i):
                cur = cur.prev
        return cur

    def __len__(self):
        return self.n

    def __iter__(self):
        cur = self.head
        while cur:
            yield cur.val
            cur = cur.next

    def __reversed__(self):
        cur = self.tail
        while cur:
            yield cur.val
            cur = cur.prev

    def __getitem__(self, i):
        if isinstance(i, slice):
            return DList(list(self)[i])
        return self._node(i).val

    def __setitem__(self, i, v):
        self._node(i).val = v

    def __delitem__(self, i):
        node = self._node(i)
        if node.prev:
            node.prev.next = node.next
        else:
            self.head = node.next
        if node.next:
            node.next.prev = node.prev
        else:
            self.tail = node.prev
        self.n -= 1

    def __contains__(self, v):
        return any(x == v for x in self)

    def __eq__(self, other):
        if not isinstance(other, DList):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    def __add__(self, other):
        return DList(list(self) + list(other))

    def __iadd__(self, other):
        for v in other:
            self.append(v)
        return self

    def __mul__(self, k):
        return DList(list(self) * k)

    def __bool__(self):
        return self.n > 0

    def __repr__(self):
        return "DList(%r)" % (list(self),)

    __hash__ = None


def main():
    d = DList(range(10))
    print(d, len(d), d[0], d[-1], d[3:7], d[::-3], 5 in d, 50 in d, list(reversed(d)))
    d[2] = "two"
    del d[0]
    del d[-1]
    del d[3]
    print(d, len(d), bool(d), bool(DList()))
    d.appendleft("first")
    d += [100, 200]
    print(d, d + DList("ab"), DList([1]) * 3, d == DList(list(d)), d == [1], d != DList())
    try:
        d[99]
    except IndexError as e:
        print("IndexError:", e)
    try:
        hash(d)
    except TypeError as e:
        print("TypeError:", e)
    q = DList()
    total = 0
    for i in range(3000):
        q.append(i)
        if len(q) > 50:
            total += q[0]
            del q[0]
    print(total, len(q), q[0], q[-1], sum(q))
    print(sorted(DList([3, 1, 2])), max(d[5:]), list(enumerate(DList("xyz"))))


main()
