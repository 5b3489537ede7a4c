# except* re-raise logic: bare raise in clauses keeps the original nesting and metadata, new raises become siblings, naked exceptions, notes, invalid except* targets, tracebacks of the resulting groups.
import sys
import traceback


def show(label):
    print("---", label)
    traceback.print_exc(file=sys.stdout)


def describe(e, indent=0):
    pad = "  " * indent
    if isinstance(e, BaseExceptionGroup):
        notes = getattr(e, "__notes__", None)
        print("%s%s(%r) notes=%s cause=%r" % (pad, type(e).__name__, e.message, notes, e.__cause__))
        for sub in e.exceptions:
            describe(sub, indent + 1)
    else:
        print("%s%r" % (pad, e))


def make_group():
    inner = ExceptionGroup("inner", [TypeError("t2"), OSError("o1"), ValueError("v2")])
    eg = ExceptionGroup("outer", [TypeError("t1"), ValueError("v1"), inner, KeyError("k1")])
    eg.add_note("outer note")
    return eg


def reraise_some():
    try:
        raise make_group()
    except* TypeError:
        print("TypeErrors: re-raise them")
        raise
    except* ValueError as g:
        print("ValueErrors handled:", [str(e) for e in g.exceptions])
    except* OSError:
        print("OSError: re-raise too")
        raise


def raise_new_in_clause():
    try:
        raise make_group()
    except* TypeError as g:
        raise RuntimeError("replacement for %d TypeErrors" % len(g.exceptions))
    except* KeyError:
        raise


def raise_from_in_clause():
    try:
        raise ExceptionGroup("src", [ValueError("a"), ValueError("b")])
    except* ValueError as g:
        raise LookupError("converted") from g


def naked_reraise():
    try:
        raise ValueError("naked")
    except* ValueError:
        raise


def naked_replaced():
    try:
        raise KeyError("naked key")
    except* KeyError:
        raise IndexError("instead")


def all_handled():
    try:
        raise make_group()
    except* (TypeError, ValueError, OSError, KeyError) as g:
        print("everything:", len(g.exceptions))
    return "done"


def nothing_raised():
    try:
        x = 1
    except* ValueError:
        x = 2
    return x


def invalid_targets():
    for target in (ExceptionGroup, (ValueError, BaseExceptionGroup), 42, (ValueError, "x")):
        try:
            try:
                raise ValueError("probe")
            except* target:
                print("unreachable")
        except TypeError as e:
            print("TypeError:", e)


class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message + "'", excs)


def custom_derive():
    try:
        raise MyGroup("mine", [ValueError(1), TypeError(2), ValueError(3)])
    except* TypeError:
        raise
    except* ValueError:
        pass


def main():
    for fn in (reraise_some, raise_new_in_clause, raise_from_in_clause, naked_reraise,
               naked_replaced, custom_derive):
        try:
            fn()
        except BaseException as e:
            print("==", fn.__name__, "raised", type(e).__name__)
            describe(e)
            show(fn.__name__)
    print(all_handled(), nothing_raised())
    invalid_targets()
    caught = 0
    for i in range(100):
        try:
            try:
                raise ExceptionGroup("it", [ValueError(i), TypeError(i)])
            except* ValueError:
                caught += 1
        except* TypeError as g:
            caught += len(g.exceptions)
    print("caught", caught)


main()
