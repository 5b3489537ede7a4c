# Deep recursion through direct calls crossing data stack chunks up and down: frames at a chunk's start that return, raise, create generators, hand out frame objects, deoptimize (a float where the profile saw ints) or hit the recursion limit; a frame too big for a standard chunk; two threads recursing at once.
# pyaot-train: train
import sys
import threading

TRAINING = len(sys.argv) > 1


def down(n):
    return 0 if n == 0 else n + down(n - 1)


def down_mixed(n, x):
    # x is an int in training; a float deoptimizes every level.
    if n == 0:
        return x
    return x + down_mixed(n - 1, x) * 1


def raise_at(n, at):
    if n == at:
        raise ValueError("at %d" % n)
    return raise_at(n + 1, at) + 1


def gen_at(n, out):
    if n == 0:
        return 0
    def g(k):
        yield k
        yield k * 2
    out.append(g(n))
    return 1 + gen_at(n - 1, out)


def frames_at(n, out):
    if n == 0:
        return 0
    out.append(sys._getframe())
    return 1 + frames_at(n - 1, out)


def big(n):
    # A stack deeper than 1048 slots (unpacking 1080 items): its frame needs a double-size chunk.
    if n == 0:
        return 0
    t = (n,) * 1080
    (v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v,
     v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v) = t
    return len(t) + v + big(n - 1) + down(40)


def limit_depth():
    k = 0
    def probe(d):
        return 0 if d == 0 else 1 + probe(d - 1)
    try:
        while True:
            probe(k)
            k += 10
    except RecursionError:
        return k


def threaded(results, idx, rounds):
    acc = 0
    for r in range(rounds):
        acc += down(700 + r % 50)
    results[idx] = acc


def train():
    for i in range(30):
        down(200)
        down_mixed(100, 3)
        try:
            raise_at(0, 150)
        except ValueError:
            pass
        gen_at(50, [])
        frames_at(50, [])
    big(3)
    print("trained")


def real():
    total = 0
    for depth in (100, 500, 900, 300, 950, 10, 800):
        for _ in range(3):
            total += down(depth)
    print("down", total)
    print("mixed", down_mixed(800, 1.5), down_mixed(600, 2))
    for at in (5, 130, 131, 132, 500, 900):
        try:
            raise_at(0, at)
        except ValueError as e:
            tb = e.__traceback__
            n = 0
            while tb is not None:
                n += 1
                tb = tb.tb_next
            print("raised", e, "traceback entries", n)
    gens = []
    print("gens made", gen_at(900, gens))
    sample = [list(g) for g in gens[::250]]
    print("gen values", sample, sum(sum(g) for g in gens))
    frames = []
    print("frames", frames_at(900, frames))
    print("frame locals", sum(f.f_locals["n"] for f in frames), frames[-1].f_back.f_locals["n"],
          frames[450].f_lineno, frames[0].f_back.f_code.co_name)
    del frames
    print("big", big(5), big(20))
    a = limit_depth()
    b = limit_depth()
    print("limit stable", a == b, a > 900)
    print("after limit", down(900))
    results = [0, 0]
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    ts = [threading.Thread(target=threaded, args=(results, i, 40)) for i in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    sys.setswitchinterval(old)
    print("threads", results)


if TRAINING:
    train()
else:
    real()
