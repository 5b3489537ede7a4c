"""Code whose only eval-breaker check is at function entry (RESUME): map()
calls tick() over and over from C, with no Python loop around it. A signal
handler, a handler that raises, and an asynchronous exception must all land
at tick's entry."""

import itertools
import signal

from _support import Arm, raise_async_in_thread, raise_at_alarm

MIN_CALLS = 1000  # the runner counts these as native entries
calls = 0
stop = False
where = []
arm = Arm()


def tick(_):
    global calls
    calls += 1
    return stop


def call_until_stopped():
    ticks = map(tick, itertools.repeat(None))
    arm.armed = True
    any(ticks)


def on_alarm(signum, frame):
    global stop
    if arm.armed and calls >= MIN_CALLS:
        arm.armed = False
        stop = True
        where.append(frame.f_code.co_name)


def main():
    global stop
    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, 0.01, 0.01)
    call_until_stopped()
    signal.setitimer(signal.ITIMER_REAL, 0)
    print("handler ran in", where[0], "and stopped the calls:", calls >= MIN_CALLS)
    stop = False
    raise_at_alarm(arm, call_until_stopped)
    raise_async_in_thread(arm, call_until_stopped)


main()
