# match with class patterns: positional via __match_args__, keyword patterns, dataclasses, builtin types, nesting.
from dataclasses import dataclass


@dataclass
class Num:
    value: float


@dataclass
class BinOp:
    op: str
    left: object
    right: object


@dataclass
class Neg:
    operand: object


class Var:
    __match_args__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Var(%r)" % self.name


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


def evaluate(e, env):
    match e:
        case Num(value=v):
            return v
        case Var(name):
            return env[name]
        case Neg(BinOp() as inner):
            return -evaluate(inner, env)
        case Neg(x):
            return -evaluate(x, env)
        case BinOp("+", l, r):
            return evaluate(l, env) + evaluate(r, env)
        case BinOp("*", Num(0), _) | BinOp("*", _, Num(0)):
            return 0
        case BinOp("*", l, r):
            return evaluate(l, env) * evaluate(r, env)
        case BinOp(op="-", left=l, right=r):
            return evaluate(l, env) - evaluate(r, env)
        case BinOp(op, _, _):
            raise ValueError("unknown op " + op)


def simplify(e):
    match e:
        case BinOp("+", Num(0), x) | BinOp("+", x, Num(0)):
            return simplify(x)
        case BinOp("*", Num(1), x) | BinOp("*", x, Num(1)):
            return simplify(x)
        case Neg(Neg(x)):
            return simplify(x)
        case BinOp(op, l, r):
            return BinOp(op, simplify(l), simplify(r))
        case _:
            return e


def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(0, y):
            return "on y axis at %s" % y
        case Point(x, 0):
            return "on x axis at %s" % x
        case Point(x, y) if x == y:
            return "diagonal"
        case Point(x=x) if x < 0:
            return "left half"
        case Point():
            return "somewhere"
        case _:
            return "not a point"


def kind(v):
    match v:
        case bool(b):
            return "bool %s" % b
        case int(n) if n < 0:
            return "negative int"
        case int():
            return "int"
        case float(f):
            return "float %.1f" % f
        case str(s) if len(s) > 3:
            return "long str"
        case str():
            return "short str"
        case list([int(), *_]):
            return "int-led list"
        case dict({"k": _}):
            return "dict with k"
        case tuple((a, b)):
            return "2-tuple %r %r" % (a, b)
        case _:
            return type(v).__name__


def main():
    env = {"x": 3, "y": 4}
    exprs = [
        Num(2),
        BinOp("+", Num(1), Var("x")),
        BinOp("*", BinOp("+", Var("x"), Num(1)), Var("y")),
        Neg(BinOp("-", Var("y"), Num(10))),
        BinOp("*", Var("undefined"), Num(0)),
        Neg(Neg(Num(5))),
    ]
    for e in exprs:
        print(evaluate(e, env), simplify(e))
    print(simplify(BinOp("+", Num(0), BinOp("*", Num(1), Neg(Neg(Var("z")))))))
    try:
        evaluate(BinOp("/", Num(1), Num(2)), env)
    except ValueError as err:
        print("ValueError:", err)
    for p in [Point(0, 0), Point(0, 5), Point(7, 0), Point(2, 2), Point(-1, 3), Point(1, 3), "pt"]:
        print(repr(p), where(p))
    for v in [True, -5, 5, 2.25, "long string", "abc", [1, "x"], ["x"], {"k": 1, "j": 2}, (1, 2), (1, 2, 3), None]:
        print(repr(v), kind(v))
    total = 0
    for i in range(500):
        tree = BinOp("+", Num(i), BinOp("*", Var("x"), Num(i % 3)))
        total += evaluate(tree, env)
    print(total)
    try:
        match Point(1, 2):
            case Point(1, 2, 3):
                pass
    except TypeError as err:
        print("TypeError:", err)


main()
