"""Drivers shared by the case programs. Not compiled: what must run
natively is the loop code in each case; these only set the scene.

A case marks the moment its loop starts with `arm.armed = True`, placed so
that no eval-breaker check (a call returning, a backward jump, a function
entry) lies between it and the loop; an event sent only after that lands
in the loop under stock CPython too, so the outputs can be compared."""

import ctypes
import signal
import threading
import time
import traceback


class Arm:
    armed = False


class Stop(Exception):
    pass


def raise_at_alarm(arm, target):
    """Run target() with a SIGALRM handler that raises once target is armed;
    print the traceback. The timer repeats so that it surely fires inside
    the loop; earlier ticks are ignored."""
    def on_alarm(signum, frame):
        if arm.armed:
            arm.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            raise TimeoutError("alarm in " + frame.f_code.co_name)

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, 0.01, 0.01)
    try:
        target()
    except TimeoutError:
        print(traceback.format_exc(), end="")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def raise_async_in_thread(arm, target):
    """Run target() in a new thread; once it is armed, raise Stop in it with
    PyThreadState_SetAsyncExc and print what the thread caught."""
    caught = []

    def worker():
        try:
            target()
        except Stop:
            caught.append(traceback.format_exc())

    arm.armed = False
    t = threading.Thread(target=worker)
    t.start()
    while not arm.armed:
        time.sleep(0.001)
    set_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    print("threads hit:", set_exc(ctypes.c_ulong(t.ident), ctypes.py_object(Stop)))
    t.join(30)
    print("worker ended:", not t.is_alive())
    print("".join(caught), end="")
