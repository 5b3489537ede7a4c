# itertools: count, cycle, repeat, chain, islice, accumulate, product, permutations, combinations, groupby, zip_longest, tee, starmap, takewhile, dropwhile, pairwise, compress, filterfalse.
import itertools as it
import operator


def running_max(xs):
    return list(it.accumulate(xs, max))


def rle(s):
    return [(k, len(list(g))) for k, g in it.groupby(s)]


def main():
    print(list(it.islice(it.count(5, 3), 6)), list(it.islice(it.cycle("abc"), 8)), list(it.repeat("x", 3)))
    print(list(it.chain([1, 2], "ab", range(2))), list(it.chain.from_iterable([[1], [2, 3], []])))
    print(list(it.accumulate([1, 2, 3, 4, 5])), list(it.accumulate([1, 2, 3, 4], operator.mul)), list(it.accumulate([1, 2], initial=100)))
    print(running_max([3, 1, 4, 1, 5, 9, 2, 6]))
    print(list(it.product("ab", range(2))), len(list(it.product(range(3), repeat=3))))
    print(list(it.permutations("abc", 2)), list(it.combinations(range(5), 3))[:4], list(it.combinations_with_replacement("ab", 2)))
    print(rle("aaabccddddde"), [(k, list(g)) for k, g in it.groupby(sorted([5, 1, 12, 15, 3, 22]), key=lambda x: x // 10)])
    print(list(it.zip_longest("abc", [1], fillvalue="-")), list(zip("abc", [1, 2])))
    a, b = it.tee(iter(range(4)))
    print(list(a), list(b))
    print(list(it.starmap(pow, [(2, 5), (3, 2)])), list(it.takewhile(lambda x: x < 4, [1, 3, 5, 1])), list(it.dropwhile(lambda x: x < 4, [1, 3, 5, 1])))
    print(list(it.pairwise(range(5))), list(it.compress("abcdef", [1, 0, 1, 0, 1, 1])), list(it.filterfalse(str.isdigit, "a1b2")))
    print(list(it.islice(range(100), 10, 30, 7)), list(it.islice("abcdef", None, 3)))
    total = 0
    for combo in it.combinations(range(12), 4):
        if sum(combo) % 5 == 0:
            total += 1
    print("combos", total)
    best = max(it.permutations(range(6)), key=lambda p: sum(i * v for i, v in enumerate(p)) - p[0] * 7)
    print(best)
    counter = it.count()
    labels = {k: next(counter) for k in "xyz"}
    print(labels, next(counter))
    grid = list(it.product(range(3), range(3)))
    print([(x, y) for x, y in grid if x != y][:5])
    batched = [tuple(it.islice(iter(range(10)), 0, 3))]
    def batches(iterable, n):
        itr = iter(iterable)
        while True:
            chunk = tuple(it.islice(itr, n))
            if not chunk:
                return
            yield chunk
    print(batched, list(batches(range(10), 3)))


main()
