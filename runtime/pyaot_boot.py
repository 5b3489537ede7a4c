"""Turn pyaot on inside this interpreter.

Loaded by the .pth file that `pyaot install` writes, or by the
sitecustomize that `pyaot run` puts first on PYTHONPATH. Installs the
eval-frame hook and wraps the file loaders' get_code so that each
imported module picks up its artifact, when one exists and matches.
Nothing here may break the user's program: every failure falls back to
plain bytecode.
"""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
_warned = set()
_prefix = None
_rt = None


def _warn(key, message):
    if key in _warned:
        return
    _warned.add(key)
    try:
        sys.stderr.write("pyaot: warning: %s\n" % message)
    except Exception:
        pass


def artifact_path(pyc_path):
    """Where the artifact for a given .pyc lives (see compiler/module.c)."""
    if not pyc_path.endswith(".pyc"):
        return None
    base = pyc_path[:-4]
    if _prefix:
        return _prefix + os.path.abspath(base) + ".pyaot.so"
    return base + ".pyaot.so"


def _attach(code, pyc_path):
    art = artifact_path(pyc_path)
    if art is None or not os.path.exists(art):
        return
    why = _rt.attach(code, art)
    if why is not None:
        _warn(art, "ignoring %s: %s; running bytecode" % (art, why))


def _source_pyc(source_path):
    import _frozen_importlib_external
    return _frozen_importlib_external.cache_from_source(source_path)


def _wrap_get_code(cls, pyc_of):
    original = cls.get_code

    def get_code(self, fullname):
        code = original(self, fullname)
        if code is not None:
            try:
                _attach(code, pyc_of(self.get_filename(fullname)))
            except Exception as exc:  # our problem, never the program's
                _warn(fullname, "cannot attach native code to %s: %r" % (fullname, exc))
        return code

    get_code.__wrapped__ = original
    get_code.__doc__ = original.__doc__
    cls.get_code = get_code


def _module_hook(code):
    """A <module> code object about to run that did not come through import."""
    filename = code.co_filename
    if not filename.endswith(".py") or not os.path.isfile(filename):
        return
    _attach(code, _source_pyc(os.path.abspath(filename)))


def _load_runtime():
    # Frozen import machinery only: importlib.util would slow every start-up.
    import _frozen_importlib as bootstrap
    import _frozen_importlib_external as external
    import _imp
    for suffix in _imp.extension_suffixes():
        path = os.path.join(_HERE, "_pyaot" + suffix)
        if os.path.exists(path):
            loader = external.ExtensionFileLoader("_pyaot", path)
            spec = external.spec_from_file_location("_pyaot", path, loader=loader)
            mod = bootstrap.module_from_spec(spec)
            loader.exec_module(mod)
            sys.modules["_pyaot"] = mod
            return mod
    raise ImportError("no _pyaot extension in %s" % _HERE)


def activate():
    """Enable pyaot unless PYAOT_DISABLE is set. Safe to call twice."""
    global _rt, _prefix
    if os.environ.get("PYAOT_DISABLE") or _rt is not None:
        return False
    if sys.version_info[:2] != (3, 11):
        return False
    try:
        rt = _load_runtime()
        stats = bool(os.environ.get("PYAOT_STATS"))
        _prefix = os.environ.get("PYAOT_CACHE_PREFIX") or None
        if _prefix:
            _prefix = os.path.abspath(_prefix)
        rt.enable(stats, _module_hook)
    except Exception as exc:
        _warn("runtime", "runtime disabled: %s" % (exc,))
        return False
    _rt = rt
    import _frozen_importlib_external as ext
    _wrap_get_code(ext.SourceLoader, _source_pyc)
    _wrap_get_code(ext.SourcelessFileLoader, lambda path: path)
    if stats:
        import atexit
        atexit.register(rt.report)
    return True
