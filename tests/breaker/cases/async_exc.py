"""PyThreadState_SetAsyncExc (through ctypes) on a thread that spins in an
endless loop raises the exception in that thread, at the loop."""

from _support import Arm, raise_async_in_thread

arm = Arm()


def spin():
    n = 0
    arm.armed = True
    while True:
        n += 1


def main():
    for _ in range(3):
        raise_async_in_thread(arm, spin)


main()
