"""Records which source files each Python process executes as a module.

Used only by `scripts/regrtest --record-imports`, on a stock run: the
directory of this file goes first on PYTHONPATH, so regrtest's workers and
the subprocesses the tests start record too. Every module body runs through
builtin exec(), which raises the "exec" audit event with its code object;
the file name of each new one is appended to $PYAOT_RECORD_DIR/<pid>.txt.
Then this hands over to the sitecustomize it shadows."""

import os
import sys


def _record_start():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(os.environ["PYAOT_RECORD_DIR"], "%d.txt" % os.getpid())
    seen = set()

    def hook(event, args):
        if event != "exec":
            return
        filename = getattr(args[0], "co_filename", None)
        if isinstance(filename, str) and filename.endswith(".py") and filename not in seen:
            seen.add(filename)
            try:
                with open(out, "a", encoding="utf-8", errors="surrogateescape") as f:
                    f.write(filename + "\n")
            except OSError:
                pass  # a test that dropped privileges, or closed every descriptor

    sys.addaudithook(hook)
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    import _frozen_importlib as bootstrap
    import _frozen_importlib_external as external
    shadowed = external.PathFinder.find_spec("sitecustomize", sys.path)
    if shadowed is not None and shadowed.origin and os.path.dirname(shadowed.origin) != here:
        module = bootstrap.module_from_spec(shadowed)
        sys.modules["sitecustomize"] = module
        shadowed.loader.exec_module(module)


if os.environ.get("PYAOT_RECORD_DIR"):
    _record_start()
del _record_start
