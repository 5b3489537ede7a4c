"""Two threads spin in CPU loops at once. Both must make progress while the
other runs, and sys.setswitchinterval must be honoured: a tiny interval makes
the threads take turns far more often than a large one. Turns are counted as
changes of a shared "last writer" variable. Prints one JSON object of
measurements; the test runner judges them (the counts vary from run to run).

Only the default-interval phase samples from the main thread. With three
threads, CPython's GIL may starve the one that waits longest: at a 1 s
interval the main thread's wake-up from sleep() can take many seconds, stock
interpreter included. The other phases therefore stop their workers at a
deadline the workers read themselves, and the main thread only joins them."""

import json
import sys
import threading
import time

stop = False
deadline = float("inf")
last = -1
turns = 0
counts = [0, 0]


def work(me):
    global last, turns
    n = 0
    while not stop and time.monotonic() < deadline:
        n += 1
        counts[me] = n
        if last != me:
            last = me
            turns += 1


def start(interval):
    """The two workers, running with this switch interval."""
    global stop
    stop = False
    threads = [threading.Thread(target=work, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    # Only now: with a large interval, starting a thread would take that long.
    sys.setswitchinterval(interval)
    return threads


def run(interval, samples, period):
    """Turns per second with this switch interval, and in how many sample
    periods each thread (and both together) advanced."""
    global stop
    threads = start(interval)
    advanced = [0, 0]
    both = 0
    t0, turns0, prev = time.monotonic(), turns, list(counts)
    for _ in range(samples):
        time.sleep(period)
        now = list(counts)
        moved = [now[i] > prev[i] for i in (0, 1)]
        advanced = [a + m for a, m in zip(advanced, moved)]
        both += all(moved)
        prev = now
    elapsed, turns1 = time.monotonic() - t0, turns
    stop = True
    sys.setswitchinterval(0.005)
    for t in threads:
        t.join()
    return {"interval": interval, "turns_per_s": (turns1 - turns0) / elapsed,
            "samples": samples, "advanced": advanced, "both_advanced": both}


def timed(interval, duration):
    """Turns per second with this switch interval; the workers stop
    themselves after `duration` seconds."""
    global deadline
    threads = start(interval)
    t0, turns0 = time.monotonic(), turns
    deadline = t0 + duration
    for t in threads:
        t.join()
    deadline = float("inf")
    sys.setswitchinterval(0.005)
    return {"interval": interval, "turns_per_s": (turns - turns0) / duration}


def main():
    result = {
        "default": run(0.005, 20, 0.05),
        "tiny": timed(0.0002, 0.6),
        "large": timed(1.0, 1.5),
    }
    print(json.dumps(result))


main()
