# enum: Enum, IntEnum, Flag, auto, iteration, lookup by value/name, members in match, unique.
import enum
from enum import Enum, IntEnum, Flag, auto


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1

    def describe(self):
        return "%s=%d" % (self.name, self.value)

    @classmethod
    def parse(cls, s):
        return cls[s.upper()]


class Prio(IntEnum):
    LOW = 10
    MID = 20
    HIGH = 30


class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
    RWX = R | W | X


class Dir(Enum):
    N = auto()
    E = auto()
    S = auto()
    W = auto()

    def turn_right(self):
        members = list(Dir)
        return members[(members.index(self) + 1) % 4]


def walk(cmds):
    d = Dir.N
    x = y = 0
    for c in cmds:
        if c == "R":
            d = d.turn_right()
        elif c == "F":
            if d is Dir.N:
                y += 1
            elif d is Dir.S:
                y -= 1
            elif d is Dir.E:
                x += 1
            else:
                x -= 1
    return x, y, d


def main():
    print(Color.RED, repr(Color.GREEN), Color(1), Color["BLUE"], Color.CRIMSON is Color.RED, list(Color))
    print(Color.RED.describe(), Color.parse("green"), Color.RED.name, Color.BLUE.value, len(Color))
    print(list(Color.__members__), Color.RED == 1, Color.RED in Color, isinstance(Color.RED, Color))
    try:
        Color(7)
    except ValueError as e:
        print("ValueError:", e)
    try:
        Color["PINK"]
    except KeyError as e:
        print("KeyError:", e)
    print(Prio.LOW < Prio.HIGH, Prio.MID + 1, sorted([Prio.HIGH, Prio.LOW, 15]), Prio(20), int(Prio.HIGH))
    p = Perm.R | Perm.W
    print(p, Perm.R in p, Perm.X in p, Perm.RWX, p & Perm.W, bool(Perm.R & Perm.X), [m.name for m in Perm])
    print(walk("FFRFFRFRRRFF" * 50))
    print(Dir.N.value, Dir.W.value, f"{Color.RED}", f"{Prio.LOW}", str(Prio.MID), format(Prio.HIGH, "d"))
    counts = {}
    for i in range(300):
        c = Color((i % 3) + 1)
        counts[c] = counts.get(c, 0) + 1
    print({k.name: v for k, v in counts.items()})
    try:
        @enum.unique
        class Dup(Enum):
            A = 1
            B = 1
    except ValueError as e:
        print("ValueError:", e)
    Animal = Enum("Animal", "ANT BEE CAT")
    print(list(Animal), Animal.BEE.value)


main()
