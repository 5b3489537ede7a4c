"""Pending calls reach the main thread while it spins in a loop: a signal
sent to it with signal.pthread_kill from a helper thread, and a callback
queued with Py_AddPendingCall (through ctypes) from a helper thread. Each
runs in the main thread, sees the loop's frame, and the loop sees its effect."""

import ctypes
import signal
import sys
import threading
import time

LIMIT = 100_000_000  # a never-run pending call ends the wait after some seconds
armed = False
done = []


def on_usr1(signum, frame):
    done.append("%s ran in %s, frame %s" % (signal.Signals(signum).name,
                                            threading.current_thread().name,
                                            frame.f_code.co_name))


@ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)
def pending(arg):
    done.append("pending call ran in %s, frame %s" % (threading.current_thread().name,
                                                      sys._getframe(1).f_code.co_name))
    return 0


def helper(send):
    # Send only once the main thread is about to enter its loop, so that
    # the loop is where the call is handled, under stock CPython too.
    while not armed:
        time.sleep(0.001)
    send()


def spin(send):
    global armed
    armed = False
    before = len(done)
    t = threading.Thread(target=helper, args=(send,), name="helper")
    t.start()
    n = 0
    armed = True
    while len(done) == before and n < LIMIT:
        n += 1
    armed = False
    t.join()
    return len(done) - before


def main():
    main_id = threading.get_ident()
    signal.signal(signal.SIGUSR1, on_usr1)
    for i in range(3):
        got = spin(lambda: signal.pthread_kill(main_id, signal.SIGUSR1))
        print("pthread_kill %d: loop saw %d" % (i, got))
    for i in range(3):
        got = spin(lambda: ctypes.pythonapi.Py_AddPendingCall(pending, None))
        print("Py_AddPendingCall %d: loop saw %d" % (i, got))
    print("\n".join(done))


main()
