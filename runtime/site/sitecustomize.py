"""pyaot run: activate pyaot in this process and in every Python process it
starts (they inherit PYTHONPATH), then hand over to the sitecustomize this
one shadows, so the interpreter's own start-up stays as it was."""

import os
import sys


def _own_code(external, name, path):
    """The code of one of pyaot's own files, caching its .pyc in pyaot's
    directory (never the program's) even under PYTHONDONTWRITEBYTECODE: the
    first compile in a process costs more than all the rest of start-up."""
    dont_write = sys.dont_write_bytecode
    sys.dont_write_bytecode = False
    try:
        return external.SourceFileLoader(name, path).get_code(name)
    finally:
        sys.dont_write_bytecode = dont_write


def _stale(cached, source):
    """A missing .pyc, or one older than its source (pyaot reinstalled):
    the import system rewrites neither under PYTHONDONTWRITEBYTECODE."""
    try:
        return os.stat(cached).st_mtime < os.stat(source).st_mtime
    except OSError:
        return True


def _pyaot_start():
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    # The frozen import machinery is already loaded; importlib.util is not,
    # and importing it would cost every start-up several milliseconds.
    import _frozen_importlib as bootstrap
    import _frozen_importlib_external as external
    if __cached__ and _stale(__cached__, __file__):
        _own_code(external, __name__, __file__)
    boot = sys.modules.get("pyaot_boot")  # already there when a .pth autoloaded it
    if boot is None:
        path = os.path.join(os.path.dirname(here), "pyaot_boot.py")
        boot = bootstrap.module_from_spec(external.spec_from_file_location("pyaot_boot", path))
        sys.modules["pyaot_boot"] = boot
        exec(_own_code(external, "pyaot_boot", path), boot.__dict__)
    boot.activate()
    shadowed = external.PathFinder.find_spec("sitecustomize", sys.path)
    if shadowed is not None and shadowed.origin and os.path.dirname(shadowed.origin) != here:
        module = bootstrap.module_from_spec(shadowed)
        sys.modules["sitecustomize"] = module
        shadowed.loader.exec_module(module)


try:
    _pyaot_start()
except Exception as _exc:
    sys.stderr.write("pyaot: warning: start-up failed: %r\n" % (_exc,))
del _pyaot_start, _own_code, _stale
