"""Python signal handlers run promptly while a loop spins, and the loop sees
what they did: SIGALRM from setitimer, SIGUSR1 sent with os.kill from inside
the loop function, and a handler whose exception ends the loop."""

import os
import signal
import time

from _support import Arm, raise_at_alarm

LIMIT = 100_000_000  # a never-handled signal ends the wait after some seconds
hits = 0
seen = []
arm = Arm()


def on_signal(signum, frame):
    global hits
    hits += 1
    seen.append("%s in %s" % (signal.Signals(signum).name, frame.f_code.co_name))


def wait_alarm():
    before = hits
    n = 0
    signal.setitimer(signal.ITIMER_REAL, 0.01)
    while hits == before and n < LIMIT:
        n += 1
    return hits - before


def kill_and_wait():
    before = hits
    n = 0
    os.kill(os.getpid(), signal.SIGUSR1)
    while hits == before and n < LIMIT:
        n += 1
    return hits - before


def spin_until_alarm():
    n = 0
    arm.armed = True
    while True:
        n += 1


def main():
    signal.signal(signal.SIGALRM, on_signal)
    signal.signal(signal.SIGUSR1, on_signal)
    for i in range(3):
        t0 = time.monotonic()
        got = wait_alarm()
        print("SIGALRM %d: handled %d, prompt %s" % (i, got, time.monotonic() - t0 < 3.0))
    for i in range(3):
        t0 = time.monotonic()
        got = kill_and_wait()
        print("SIGUSR1 %d: handled %d, prompt %s" % (i, got, time.monotonic() - t0 < 3.0))
    print("\n".join(seen))
    raise_at_alarm(arm, spin_until_alarm)
    print("hits", hits)


main()
