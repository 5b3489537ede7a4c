# A float temporary that an arithmetic instruction consumes may be reused
# for its result only where no one can tell: under tracemalloc each result
# is a new object, allocated at the instruction's own line. Generators run
# the speculative stubs (not the unboxed tier), so both paths are covered.
import tracemalloc


def offset(obj, code):
    tb = tracemalloc.get_object_traceback(obj)
    return tb is not None and tb[0].lineno - code.co_firstlineno


def in_gen(c0, c, d):
    keep = [i * 0.5 for i in range(300)]  # more than the free list holds
    r = c0 + (
        c * d)  # the temporary is made here, the sum on the line above
    yield len(keep), r, offset(r, in_gen.__code__)
    s = (c0 if not c else
         c * d) - c0  # the left operand is made here, the difference above
    yield s, offset(s, in_gen.__code__)


def in_func(c0, c, d):
    keep = [i * 0.5 for i in range(300)]
    r = c0 + (
        c * d)
    return len(keep), r, offset(r, in_func.__code__)


def run():
    print(list(in_gen(1.5, 2.0, 3.0)))
    print(in_func(1.5, 2.0, 3.0))
    print(list(in_gen(1, 2.5, 4)), in_func(2, 0.25, 8))


tracemalloc.start(1)
for _ in range(3):
    run()
tracemalloc.stop()
run()
