import sys
def inner(x):
    y = x + 1
    return y * 2
def outer():
    t = 0
    for i in range(3):
        t += inner(i)
    return t
events = []
def tracer(frame, event, arg):
    if frame.f_code.co_filename == __file__:
        events.append((event, frame.f_code.co_name, frame.f_lineno))
    return tracer
def start():
    sys.settrace(tracer)
def main():
    a = outer()
    start()
    b = outer()
    sys.settrace(None)
    print(a, b)
    for e in events: print(e)
main()
