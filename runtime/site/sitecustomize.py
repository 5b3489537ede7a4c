"""pyaot run: activate pyaot in this process and in every Python process it
starts (they inherit PYTHONPATH), then hand over to the sitecustomize this
one shadows, so the interpreter's own start-up stays as it was."""

import os
import sys


def _pyaot_start():
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "pyaot_boot", os.path.join(os.path.dirname(here), "pyaot_boot.py"))
    boot = importlib.util.module_from_spec(spec)
    sys.modules["pyaot_boot"] = boot
    spec.loader.exec_module(boot)
    boot.activate()
    from importlib.machinery import PathFinder
    shadowed = PathFinder.find_spec("sitecustomize", sys.path)
    if shadowed is not None and shadowed.origin and os.path.dirname(shadowed.origin) != here:
        module = importlib.util.module_from_spec(shadowed)
        sys.modules["sitecustomize"] = module
        shadowed.loader.exec_module(module)


try:
    _pyaot_start()
except Exception as _exc:
    sys.stderr.write("pyaot: warning: start-up failed: %r\n" % (_exc,))
del _pyaot_start
