# _thread.interrupt_main() from native code: the KeyboardInterrupt is raised
# right after the call returns, at the call's line, as the interpreter does.
import _thread, traceback, sys
def f():
    try:
        _thread.interrupt_main()
        print("not yet")
    except KeyboardInterrupt:
        traceback.print_exc(file=sys.stdout)
f()
def g():
    for i in range(3):
        try:
            _thread.interrupt_main()
            print("no")
        except KeyboardInterrupt:
            print("caught", i)
g()
