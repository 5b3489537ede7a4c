# yield from: delegation, return value propagation, send/throw passing through, recursive generators.

def inner(n):
    total = 0
    for i in range(n):
        x = yield i
        if x:
            total += x
    return total


def outer(log):
    r1 = yield from inner(3)
    log.append(("r1", r1))
    r2 = yield from inner(2)
    log.append(("r2", r2))
    return r1 + r2


def tree_walk(t):
    if isinstance(t, list):
        for c in t:
            yield from tree_walk(c)
    else:
        yield t


def perms(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        for p in perms(items[:i] + items[i + 1:]):
            yield [items[i]] + p


def catcher():
    while True:
        try:
            yield "ready"
        except KeyError as e:
            yield "caught %r" % e


def delegator():
    result = yield from catcher()
    return result


def chain(*its):
    for it in its:
        yield from it


def main():
    log = []
    g = outer(log)
    vals = [next(g)]
    try:
        while True:
            vals.append(g.send(10))
    except StopIteration as e:
        print(vals, "return", e.value, log)
    t = [1, [2, [3, [4, 5]], 6], [[7]], 8]
    print(list(tree_walk(t)))
    ps = list(perms([1, 2, 3, 4]))
    print(len(ps), ps[:5], ps[-1])
    d = delegator()
    print(next(d), d.throw(KeyError("x")), next(d))
    d.close()
    print(list(chain("ab", range(3), (x for x in "yz"))))
    total = 0
    for i in range(100):
        total += sum(tree_walk([i, [i + 1, [i + 2]]]))
    print(total)

    def ret_only():
        return "nothing yielded"
        yield
    def wrap():
        v = yield from ret_only()
        yield v
    print(list(wrap()))
    def yf_list():
        yield from [1, 2, 3]
        yield from {"k": 1}
        yield from "s"
    print(list(yf_list()))


main()
