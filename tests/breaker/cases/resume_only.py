"""Code whose only eval-breaker check is at function entry (RESUME): map()
calls tick() over and over from C, with no Python loop around it. A signal
handler, a handler that raises, and an asynchronous exception must all land
at tick's entry."""

import ctypes
import itertools
import signal
import threading
import time
import traceback

MIN_CALLS = 1000  # the runner counts these as native entries
calls = 0
stop = False
armed = False
where = []


def tick(_):
    global calls
    calls += 1
    return stop


def spin():
    global armed
    calls = map(tick, itertools.repeat(None))
    armed = True  # no check between here and tick's entry, under stock CPython too
    any(calls)


def on_alarm(signum, frame):
    global stop
    if armed and calls >= MIN_CALLS:
        stop = True
        where.append(frame.f_code.co_name)


def on_alarm_raise(signum, frame):
    global armed
    if armed:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        raise TimeoutError("alarm in " + frame.f_code.co_name)


class Stop(Exception):
    pass


def worker(out):
    try:
        spin()
    except Stop:
        out.append(traceback.format_exc())


def main():
    global armed, stop
    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, 0.01, 0.01)
    spin()
    signal.setitimer(signal.ITIMER_REAL, 0)
    armed = stop = False
    print("handler ran in", where[0], "and stopped the calls:", calls > 0)

    signal.signal(signal.SIGALRM, on_alarm_raise)
    signal.setitimer(signal.ITIMER_REAL, 0.01, 0.01)
    try:
        spin()
    except TimeoutError:
        print(traceback.format_exc(), end="")
    armed = False

    out = []
    t = threading.Thread(target=worker, args=(out,))
    t.start()
    while not armed:
        time.sleep(0.001)
    set_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    print("threads hit:", set_exc(ctypes.c_ulong(t.ident), ctypes.py_object(Stop)))
    t.join(30)
    print("worker ended:", not t.is_alive())
    print("".join(out), end="")


main()
