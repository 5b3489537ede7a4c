# dataclasses: defaults, field(default_factory), ordering, frozen, __post_init__, asdict, replace.
from dataclasses import dataclass, field, asdict, astuple, replace, fields
from typing import List


@dataclass
class Item:
    name: str
    price: float
    qty: int = 1
    tags: List[str] = field(default_factory=list)

    def total(self):
        return self.price * self.qty


@dataclass(order=True, frozen=True)
class Pt:
    x: int
    y: int = 0


@dataclass
class Order:
    items: list = field(default_factory=list)
    total: float = field(init=False, default=0.0)
    note: str = field(default="", repr=False)

    def __post_init__(self):
        self.total = round(sum(i.total() for i in self.items), 2)


@dataclass
class Node:
    val: int
    children: list = field(default_factory=list)

    def depth(self):
        return 1 + max((c.depth() for c in self.children), default=0)


def build(n):
    if n == 0:
        return Node(0)
    return Node(n, [build(n - 1) for _ in range(2 if n < 4 else 1)])


def main():
    a = Item("pen", 1.5, 3)
    b = Item("book", 12.0, tags=["paper"])
    print(a, b, a.total(), b.total(), a == Item("pen", 1.5, 3), a == b)
    a.tags.append("x")
    print(Item("z", 1).tags, asdict(b), astuple(a))
    o = Order([a, b, Item("cup", 3.25, 2)], note="secret")
    print(o, o.total)
    pts = [Pt(i % 3, -i) for i in range(6)]
    print(sorted(pts), max(pts), Pt(1) < Pt(1, 1), hash(Pt(1, 2)) == hash(Pt(1, 2)))
    try:
        pts[0].x = 5
    except Exception as e:
        print(type(e).__name__, e)
    print(replace(pts[1], y=100), [f.name for f in fields(Item)], len({Pt(1, 2), Pt(1, 2)}))
    t = build(6)
    print(t.depth(), repr(build(2)))
    inv = [Item("i%d" % i, i * 0.5, i % 4) for i in range(300)]
    print(round(sum(i.total() for i in inv), 2), sum(1 for i in inv if i == Item("i4", 2.0, 0)))
    try:
        Item()
    except TypeError as e:
        print("TypeError:", e)


main()
