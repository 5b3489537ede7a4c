"""Deep recursion in threads with small C stacks, while other threads run:
native frames nest on the C stack, so pyaot must raise RecursionError at
each thread's own floor (never crash), and the floor it caches for the
last thread that entered native code must follow thread switches."""
import sys
import threading

sys.setrecursionlimit(1000000)


def down(n):
    return 0 if n == 0 else 1 + down(n - 1)


results = {}


def work(name, depth):
    try:
        results[name] = down(depth)
    except RecursionError:
        results[name] = "RecursionError"


threading.stack_size(256 * 1024)
threads = [threading.Thread(target=work, args=("small%d" % i, 200000)) for i in range(3)]
for t in threads:
    t.start()
work("main", 100)
for t in threads:
    t.join()
threading.stack_size(64 * 1024 * 1024)
t = threading.Thread(target=work, args=("big", 20000))
t.start()
t.join()
for name, r in sorted(results.items()):
    print(name, r)
