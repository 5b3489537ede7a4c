# Ends with an exception raised inside `finally` that replaces the one in flight (both appear in the traceback; exit status 1).

class Resource:
    def __init__(self, name):
        self.name = name
        self.open = True

    def use(self, n):
        if n > 3:
            raise ValueError("resource %s overloaded with %d" % (self.name, n))
        return n * 2

    def close(self):
        if not self.open:
            raise RuntimeError("double close of " + self.name)
        self.open = False


def work(res, loads):
    out = []
    try:
        for n in loads:
            out.append(res.use(n))
        return out
    finally:
        res.close()
        print("closed", res.name, "after", out)


def main():
    r1 = Resource("r1")
    print(work(r1, [1, 2, 3]))
    r2 = Resource("r2")
    try:
        work(r2, [1, 5])
    except ValueError as e:
        print("ValueError:", e)
    print("now reusing r2 (already closed) with an overload")
    work(r2, [2, 9])


main()
