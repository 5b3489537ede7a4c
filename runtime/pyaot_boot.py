"""Turn pyaot on inside this interpreter.

Loaded by the .pth file that `pyaot install` writes, or by the
sitecustomize that `pyaot run` puts first on PYTHONPATH. Installs the
eval-frame hook and wraps the file loaders' get_code so that each
imported module picks up its artifact, when one exists and matches.
Modules that never pass through get_code (frozen ones such as os, site,
codecs and importlib._bootstrap, and everything imported before this
runs) are adopted instead: their artifact is verified against a fresh copy
of their code, and their live code objects take its entries by hash.
Nothing here may break the user's program: every failure falls back to
plain bytecode.
"""

import os
import sys

# (abspath only when needed: it costs every start-up a few hundred bytecodes)
_HERE = os.path.dirname(__file__ if __file__.startswith("/") else os.path.abspath(__file__))
_warned = set()
_prefix = None
_rt = None
_stats = False
_stats_file = None
_exited = False


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


# importlib's cache_from_source, bound at activation because a program may
# later block its module by name in sys.modules
# (test.support.import_fresh_module does).
_cache_from_source = None


def _source_pyc(path):
    """The .pyc path of a source file, as cache_from_source gives it. The
    common case (an absolute path, no pycache_prefix, no -O) is spelled
    out: start-up asks this for every module already imported."""
    if (type(path) is str and path[:1] == "/" and sys.pycache_prefix is None
            and not sys.flags.optimize and sys.implementation.cache_tag):
        head, _, tail = path.rpartition("/")
        base, dot, _ = tail.rpartition(".")
        if head and base and dot and not head.endswith("/"):
            return "%s/__pycache__/%s.%s.pyc" % (head, base, sys.implementation.cache_tag)
    return _cache_from_source(path)


def _wrap_get_code(cls, pyc_of):
    def after(code, loader, fullname):
        try:
            _attach(code, pyc_of(loader.get_filename(fullname)))
        except Exception as exc:  # our problem, never the program's
            _warn(fullname, "cannot attach native code to %s: %r" % (fullname, exc))

    # The wrapper itself is C: no pyaot frame in tracebacks or debuggers.
    cls.get_code = _rt.hook_method(cls.get_code, after)


def _stdlib_source(spec):
    """The .py a frozen module was made from, or None."""
    state = spec.loader_state
    filename = getattr(state, "filename", None)
    origname = getattr(state, "origname", None) or spec.name
    stdlib = getattr(sys, "_stdlib_dir", None)
    if filename is None and stdlib and not origname.startswith("<"):
        tail = "/__init__.py" if spec.submodule_search_locations is not None else ".py"
        filename = stdlib + "/" + origname.replace(".", "/") + tail
    return filename


def _unwrapped(get_code):
    return getattr(get_code, "__wrapped__", get_code)


def _adopt(spec, seen):
    """Give a module that bypassed get_code its artifact's native entries.

    The artifact is checked against the code of the module's .pyc, as at
    import; the live code (frozen code says "<frozen os>", and may differ
    from the source) takes an entry only where its hash matches."""
    import _frozen_importlib as bootstrap
    import _frozen_importlib_external as external
    loader = spec.loader
    if loader is bootstrap.FrozenImporter:
        source = _stdlib_source(spec)
        if source is None:
            return
        pyc = _source_pyc(source)
        origname = getattr(spec.loader_state, "origname", None) or spec.name
        live_file = "<frozen %s>" % origname
        loader = external.SourceFileLoader(spec.name, source)
        get_code = _unwrapped(external.SourceLoader.get_code)
    elif isinstance(loader, external.SourceFileLoader):
        pyc = _source_pyc(spec.origin)
        live_file = spec.origin
        get_code = _unwrapped(type(loader).get_code)
    elif isinstance(loader, external.SourcelessFileLoader):
        pyc = live_file = spec.origin
        get_code = _unwrapped(type(loader).get_code)
    else:
        return
    art = artifact_path(pyc)
    if art is None or art in seen or not os.path.exists(art):
        return
    seen.add(art)
    why = _rt.adopt(get_code(loader, spec.name), art, live_file)
    if why is not None:
        _warn(art, "ignoring %s: %s; running bytecode" % (art, why))


def _adopt_loaded():
    import _frozen_importlib as bootstrap
    import _frozen_importlib_external as external
    seen = set()
    kinds = (bootstrap.FrozenImporter, external.SourceFileLoader, external.SourcelessFileLoader)
    # _source_pyc's common case; otherwise the filter keeps every module.
    tag = None if sys.pycache_prefix is not None or sys.flags.optimize else sys.implementation.cache_tag
    for name, module in _rt.adopt_candidates(list(sys.modules.items()), kinds, tag, _prefix):
        spec = getattr(module, "__spec__", None)
        if spec is None or spec.origin is None:
            continue
        try:
            _adopt(spec, seen)
        except Exception as exc:
            _warn(name, "cannot attach native code to %s: %r" % (name, exc))
    return seen


def _wrap_frozen(seen):
    """Frozen modules imported from now on (runpy for -m, importlib.util...)."""
    import _frozen_importlib as bootstrap
    original = bootstrap.FrozenImporter.create_module

    def after(module, spec):
        try:
            _adopt(spec, seen)
        except Exception as exc:
            _warn(spec.name, "cannot attach native code to %s: %r" % (spec.name, exc))

    # C wrapper: no pyaot frame for tracebacks, debuggers or coverage.
    bootstrap.FrozenImporter.create_module = staticmethod(_rt.hook_method(original, after, False))


def _finish():
    """Report once per process: at exit, or at os._exit (forked children)."""
    global _exited
    if _exited:
        return
    _exited = True
    if _stats:
        _rt.report()
    if _stats_file:
        argv0 = sys.argv[0] if getattr(sys, "argv", None) else ""
        _rt.write_stats(_stats_file, argv0 if isinstance(argv0, str) else "")


def _after_fork():
    global _exited
    _exited = False
    _rt.reset_stats()


def run_at_exit(finish):
    """Call finish() when the process ends: at exit, and at os._exit too."""
    import atexit
    atexit.register(finish)
    real_exit = os._exit

    # multiprocessing's forked workers leave through os._exit, which skips atexit.
    def _exit(status):
        if hasattr(type(status), "__index__"):
            finish()
        real_exit(status)

    _exit.__wrapped__ = real_exit
    _exit.__doc__ = real_exit.__doc__
    os._exit = _exit


def _report_at_exit():
    run_at_exit(_finish)
    os.register_at_fork(after_in_child=_after_fork)


def _module_hook(code):
    """A <module> code object about to run that did not come through import."""
    filename = code.co_filename
    if not filename.endswith(".py") or not os.path.isfile(filename):
        return
    _attach(code, _source_pyc(os.path.abspath(filename)))


def _load_runtime():
    # The extension's own calls, not a loader: importlib.util, and even the
    # frozen loader's spec and module set-up, cost every start-up.
    import _frozen_importlib as bootstrap
    import _imp
    for suffix in _imp.extension_suffixes():
        path = _HERE + "/_pyaot" + suffix
        if os.path.exists(path):
            mod = _imp.create_dynamic(bootstrap.ModuleSpec("_pyaot", None, origin=path))
            _imp.exec_dynamic(mod)
            mod.__file__ = path
            sys.modules["_pyaot"] = mod
            return mod
    raise ImportError("no _pyaot extension in %s" % _HERE)


def _record_profile():
    """A `pyaot profile` training run: start the recorder instead of the
    runtime. The program runs in the plain interpreter, without the
    eval-frame hook, so that it specializes as it would without pyaot."""
    if "pyaot_profile" in sys.modules or sys.version_info[:2] != (3, 11):
        return
    import _frozen_importlib as bootstrap
    import _frozen_importlib_external as external
    try:
        rt = _load_runtime()  # for code_hash; nothing is switched on
        spec = external.spec_from_file_location(
            "pyaot_profile", os.path.join(_HERE, "pyaot_profile.py"))
        recorder = bootstrap.module_from_spec(spec)
        sys.modules["pyaot_profile"] = recorder
        spec.loader.exec_module(recorder)
        recorder.start(rt, run_at_exit)
    except Exception as exc:
        _warn("profile", "profile recorder disabled: %s" % (exc,))


def activate():
    """Enable pyaot unless PYAOT_DISABLE is set (in a `pyaot profile` run,
    start the recorder instead). Safe to call twice."""
    global _rt, _prefix, _stats, _stats_file, _cache_from_source
    if os.environ.get("PYAOT_PROFILE_DIR"):
        _record_profile()
        return False
    if os.environ.get("PYAOT_DISABLE") or _rt is not None:
        return False
    if sys.version_info[:2] != (3, 11):
        return False
    import _frozen_importlib_external
    _cache_from_source = _frozen_importlib_external.cache_from_source
    try:
        _rt = _load_runtime()
        if not _rt.main_interpreter():
            _rt = None  # subinterpreters run bytecode
            return False
        _stats = os.environ.get("PYAOT_STATS", "") not in ("", "0")
        _stats_file = os.environ.get("PYAOT_STATS_FILE") or None
        _prefix = os.environ.get("PYAOT_CACHE_PREFIX") or None
        if _prefix:
            _prefix = os.path.abspath(_prefix)
        # Before the hook is on, so that nothing is marked "no entry" first.
        seen = _adopt_loaded()
        _rt.enable(_stats or bool(_stats_file), _module_hook)
    except Exception as exc:
        _rt = None
        _warn("runtime", "runtime disabled: %s" % (exc,))
        return False
    import _frozen_importlib_external as ext
    _wrap_get_code(ext.SourceLoader, _source_pyc)
    _wrap_get_code(ext.SourcelessFileLoader, lambda path: path)
    _wrap_frozen(seen)
    if _stats or _stats_file:
        _report_at_exit()
    return True
