"""Deep and heavy recursion, within CPython's default recursion limit.

Recursive linked-list and tree algorithms, a recursive-descent parser over
deeply nested expressions, mutual recursion, memo-free Takeuchi and a
recursive merge sort. Depths reach about 700 frames; call counts are in the
millions.

usage: bm_recursion.py [SIZE]   (SIZE = repetitions of the workload)
"""

DEFAULT_SIZE = 6

MAX_DEPTH = 700


class Node:
    __slots__ = ("value", "next")

    def __init__(self, value, next):
        self.value = value
        self.next = next


def build_list(n):
    return None if n == 0 else Node(n, build_list(n - 1))


def list_sum(node):
    return 0 if node is None else node.value + list_sum(node.next)


def list_reverse(node, acc):
    if node is None:
        return acc
    return list_reverse(node.next, Node(node.value, acc))


def tree(depth):
    if depth == 0:
        return None
    return (tree(depth - 1), depth, tree(depth - 1))


def tree_check(t):
    if t is None:
        return 0
    left, value, right = t
    return value + tree_check(left) - tree_check(right) + 1


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def tak(x, y, z):
    if y < x:
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
    return z


def merge_sort(xs):
    if len(xs) <= 1:
        return xs
    mid = len(xs) // 2
    a = merge_sort(xs[:mid])
    b = merge_sort(xs[mid:])
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out


class Parser:
    """expr := term (('+'|'-') term)*; term := atom ('*' atom)*; atom := digit | '(' expr ')'"""

    def __init__(self, text):
        self.text = text
        self.pos = 0

    def expr(self):
        value = self.term()
        while self.pos < len(self.text) and self.text[self.pos] in "+-":
            op = self.text[self.pos]
            self.pos += 1
            rhs = self.term()
            value = value + rhs if op == "+" else value - rhs
        return value

    def term(self):
        value = self.atom()
        while self.pos < len(self.text) and self.text[self.pos] == "*":
            self.pos += 1
            value = value * self.atom() % 1000003
        return value

    def atom(self):
        ch = self.text[self.pos]
        self.pos += 1
        if ch == "(":
            value = self.expr()
            self.pos += 1  # ')'
            return value
        return ord(ch) - 48


def nested(depth, k):
    # Each level costs the parser 3 frames (expr, term, atom).
    if depth == 0:
        return str(k % 10)
    return "(%d+%s*%d)" % (k % 10, nested(depth - 1, k * 7 + 1), (k >> 3) % 10)


def run(size):
    acc = 0
    text = nested(MAX_DEPTH // 3 - 10, 5)
    for rep in range(size):
        lst = build_list(MAX_DEPTH - rep)
        acc += list_sum(lst) + list_sum(list_reverse(lst, None))
        acc += tree_check(tree(14))
        acc += sum(1 for n in range(MAX_DEPTH - 50, MAX_DEPTH) if is_even(n))
        acc += tak(18, 12, 6 + rep % 2)
        data = [(i * 7919 + rep) % 10007 for i in range(6000)]
        acc += sum(merge_sort(data)[::500])
        acc += Parser(text).expr()
    return "%d" % acc


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
