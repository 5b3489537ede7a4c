"""PyThreadState_SetAsyncExc (through ctypes) on a thread that spins in an
endless loop raises the exception in that thread, at the loop."""

import ctypes
import threading
import time
import traceback

armed = False
caught = []


class Stop(Exception):
    pass


def spin():
    global armed
    n = 0
    armed = True
    while True:
        n += 1


def worker():
    try:
        spin()
    except Stop:
        caught.append(traceback.format_exc())


def main():
    global armed
    for i in range(3):
        armed = False
        t = threading.Thread(target=worker)
        t.start()
        while not armed:
            time.sleep(0.001)
        set_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
        print("threads hit:", set_exc(ctypes.c_ulong(t.ident), ctypes.py_object(Stop)))
        t.join(30)
        print("worker ended:", not t.is_alive())
    print("".join(caught), end="")


main()
