"""pyaot run: activate pyaot in this process and in every Python process it
starts (they inherit PYTHONPATH), then hand over to the sitecustomize this
one shadows, so the interpreter's own start-up stays as it was."""

import os
import sys


def _matching_pyc(external, path):
    """The bytes of the __pycache__ .pyc of one of pyaot's own files when its
    header matches the source (magic, mtime, size), else None. Read directly:
    the loader's get_code would cost every start-up a few hundred bytecodes."""
    if sys.pycache_prefix is not None or not sys.implementation.cache_tag:
        return None
    head, _, tail = path.rpartition("/")
    opt = ".opt-%d" % sys.flags.optimize if sys.flags.optimize else ""
    pyc = "%s/__pycache__/%s.%s%s.pyc" % (head, tail.rpartition(".")[0],
                                          sys.implementation.cache_tag, opt)
    try:
        st = os.stat(path)
        with open(pyc, "rb") as f:
            data = f.read()
    except OSError:
        return None
    stamp = ((int(st.st_mtime) & 0xFFFFFFFF).to_bytes(4, "little") +
             (st.st_size & 0xFFFFFFFF).to_bytes(4, "little"))
    if data[:4] != external.MAGIC_NUMBER or data[4:8] != bytes(4) or data[8:16] != stamp:
        return None
    return data


def _own_code(external, name, path):
    """The code of one of pyaot's own files. A stale or missing .pyc is
    rewritten in pyaot's directory (never the program's) even under
    PYTHONDONTWRITEBYTECODE: the first compile in a process costs more than
    all the rest of start-up."""
    data = _matching_pyc(external, path)
    if data is not None:
        import marshal
        return marshal.loads(memoryview(data)[16:])
    dont_write = sys.dont_write_bytecode
    sys.dont_write_bytecode = False
    try:
        return external.SourceFileLoader(name, path).get_code(name)
    finally:
        sys.dont_write_bytecode = dont_write


def _pyaot_start():
    here = __file__.rpartition("/")[0]
    kept = [p for p in sys.path if p != here]
    if len(kept) == len(sys.path):  # PYTHONPATH named it in another spelling
        here = os.path.dirname(os.path.abspath(__file__))
        kept = [p for p in sys.path if os.path.abspath(p or ".") != here]
    sys.path[:] = kept
    # The frozen import machinery is already loaded; importlib.util is not,
    # and importing it would cost every start-up several milliseconds.
    import _frozen_importlib as bootstrap
    import _frozen_importlib_external as external
    if __cached__ and _matching_pyc(external, __file__) is None:
        _own_code(external, __name__, __file__)  # rewrites it
    boot = sys.modules.get("pyaot_boot")  # already there when a .pth autoloaded it
    if boot is None:
        path = os.path.join(os.path.dirname(here), "pyaot_boot.py")
        boot = type(sys)("pyaot_boot")  # no spec: nothing imports it by name
        boot.__file__ = path
        sys.modules["pyaot_boot"] = boot
        exec(_own_code(external, "pyaot_boot", path), boot.__dict__)
    boot.activate()
    shadowed = external.PathFinder.find_spec("sitecustomize", sys.path)
    if (shadowed is not None and shadowed.origin
            and not os.path.samefile(os.path.dirname(shadowed.origin), here)):
        module = bootstrap.module_from_spec(shadowed)
        sys.modules["sitecustomize"] = module
        shadowed.loader.exec_module(module)


try:
    _pyaot_start()
except Exception as _exc:
    sys.stderr.write("pyaot: warning: start-up failed: %r\n" % (_exc,))
del _pyaot_start, _own_code, _matching_pyc
