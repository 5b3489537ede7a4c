# while/else and for/else with break/continue, nested loops with flags, loop variable after loop, range edge cases.

def find_first_div(nums, d):
    for n in nums:
        if n % d == 0:
            result = "found %d" % n
            break
    else:
        result = "none divisible by %d" % d
    return result


def is_prime(n):
    if n < 2:
        return False
    i = 2
    while i * i <= n:
        if n % i == 0:
            break
        i += 1
    else:
        return True
    return False


def nested_search(grid, target):
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            if v == target:
                break
        else:
            continue
        return (r, c)
    return None


def skip_odds(n):
    out = []
    i = 0
    while i < n:
        i += 1
        if i % 2:
            continue
        if i > 15:
            break
        out.append(i)
    else:
        out.append("while-else")
    return out


def main():
    print(find_first_div([3, 5, 7, 9], 3), find_first_div([3, 5, 7], 2), find_first_div([], 5))
    print([n for n in range(60) if is_prime(n)])
    print(sum(1 for n in range(5000) if is_prime(n)))
    grid = [[r * 10 + c for c in range(5)] for r in range(5)]
    print(nested_search(grid, 23), nested_search(grid, 99))
    print(skip_odds(10), skip_odds(30))
    for i in range(3):
        pass
    print("i after loop", i)
    for j in []:
        pass
    else:
        print("empty for else")
    k = 0
    while k < 3:
        k += 1
    else:
        print("while else k=%d" % k)
    print(list(range(0)), list(range(5, 0)), list(range(0, 10, 3)), list(range(10, 0, -3)), list(range(-3, 3)))
    r = range(2, 20, 3)
    print(r, len(r), r[2], r[-1], r[1:3], 8 in r, 9 in r, r.index(11), list(reversed(r)))
    count = 0
    for a in range(30):
        for b in range(30):
            if b > a:
                break
            if (a + b) % 3 == 0:
                continue
            count += 1
    print(count)
    it = iter(range(10))
    for x in it:
        if x == 3:
            break
    print(list(it))
    n = 27
    steps = 0
    while True:
        if n == 1:
            break
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    print("collatz 27", steps)
    outer_done = []
    for a in range(3):
        for b in range(3):
            if b == 2:
                break
            outer_done.append((a, b))
        else:
            outer_done.append("never")
    print(outer_done)


main()
