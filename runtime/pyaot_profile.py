"""pyaot's training-run profiles (docs/profile-format.md).

Two roles in one file:

- the recorder, started by pyaot_boot.activate() in every Python process of
  a `pyaot profile` run (PYAOT_PROFILE_DIR set): a sampler thread counts how
  often each code object is on a thread's stack, and at exit the process
  writes, for every code object it can reach, the opcodes the interpreter's
  quickening left in `_co_code_adaptive`. No eval-frame hook is installed
  (3.11 does not specialize calls under one), so the program runs exactly
  as under the plain interpreter;
- the driver, run as a script by `pyaot profile` with the target
  interpreter: runs the command with the recorder switched on through the
  environment and merges the processes' files into one profile; and
  `pyaot profile merge`.

The recorder imports two small modules (types, atexit) at start-up and only
built-in ones at exit, where an import could change how the process ends.
"""

import os
import sys

FORMAT = "pyaot-profile"
VERSION = 1
_HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- recorder

_rt = None            # the _pyaot extension: code_hash
_dir = None           # where this process writes its file
_interval = 0.001
_samples = {}         # id(code) -> [code, samples]; the list keeps it alive
_generation = 0       # bumped at fork and at exit: older samplers stop
_finished = False
_writing = False
_sigterm_pending = False
_own_files = ()
_types = None


def _sample_loop(generation):
    """Every interval: each code object on some other thread's stack counts
    once for this sample."""
    import _thread
    import time
    me = _thread.get_ident()
    current_frames = sys._current_frames
    samples = _samples
    while _generation == generation:
        time.sleep(_interval)
        try:
            frames = current_frames()
        except Exception:
            continue
        seen = {}
        for tid, frame in frames.items():
            if tid == me:
                continue
            while frame is not None:
                co = frame.f_code
                seen[id(co)] = co
                frame = frame.f_back
        frames = frame = None  # no frame kept alive between samples
        for key, co in seen.items():
            entry = samples.get(key)
            if entry is None:
                samples[key] = [co, 1]
            else:
                entry[1] += 1


def _start_sampler():
    global _generation
    import _thread
    _generation += 1
    # A bare _thread thread: invisible to threading.enumerate() and never
    # joined at shutdown, so the program sees no extra thread.
    _thread.start_new_thread(_sample_loop, (_generation,))


_frozen_files = {}


def _frozen_file(name):
    """The source file base name of a frozen module's code: "<frozen os>"
    is os.py, "<frozen importlib>" importlib/__init__.py."""
    base = _frozen_files.get(name)
    if base is None:
        module = name[len("<frozen "):-1]
        stdlib = getattr(sys, "_stdlib_dir", None) or ""
        if os.path.isdir(os.path.join(stdlib, *module.split("."))):
            base = "__init__.py"
        else:
            base = module.rpartition(".")[2] + ".py"
        _frozen_files[name] = base
    return base


def _file_key(filename):
    if filename.startswith("<frozen ") and filename.endswith(">"):
        return _frozen_file(filename)
    return os.path.basename(filename)


def _reachable_codes():
    """Every code object this process can still reach, by identity (equal
    code objects may hold different quickened forms)."""
    import gc
    types = _types
    found = {key: entry[0] for key, entry in list(_samples.items())}
    holders = {types.FunctionType: "__code__", types.GeneratorType: "gi_code",
               types.CoroutineType: "cr_code", types.AsyncGeneratorType: "ag_code",
               types.FrameType: "f_code"}
    # Functions are always tracked by the collector, so this also finds the
    # methods in class dicts and the functions behind staticmethod,
    # classmethod and property objects.
    for obj in gc.get_objects():
        attr = holders.get(type(obj))
        if attr is not None:
            co = getattr(obj, attr, None)
            if co is not None:
                found[id(co)] = co
    for frame in sys._current_frames().values():
        while frame is not None:
            found[id(frame.f_code)] = frame.f_code
            frame = frame.f_back
    # Comprehensions, lambdas and functions not created yet live only in
    # their parent's constants.
    todo = list(found.values())
    while todo:
        for c in todo.pop().co_consts:
            if type(c) is types.CodeType and id(c) not in found:
                found[id(c)] = c
                todo.append(c)
    return found.values()


# CACHE units hold counters and versions, not opcodes: the profile has 0 there.
_NOT_CACHE = bytes([0] + [0xFF] * 255)


def _code_entry(co, samples):
    """The profile entry of one code object, or None when the interpreter
    never quickened it and it was never sampled."""
    base = co.co_code[0::2]
    mask = base.translate(_NOT_CACHE)
    n = len(base)
    ops = (int.from_bytes(co._co_code_adaptive[0::2], "little")
           & int.from_bytes(mask, "little")).to_bytes(n, "little")
    if ops == base and not samples:
        return None
    return {"file": _file_key(co.co_filename), "qualname": co.co_qualname,
            "firstlineno": co.co_firstlineno, "hash": "%016x" % _rt.code_hash(co),
            "nunits": n, "samples": samples, "ops": ops.hex()}


def _snapshot():
    counts = {key: entry[1] for key, entry in list(_samples.items())}
    entries = []
    for co in _reachable_codes():
        if co.co_filename in _own_files:
            continue
        e = _code_entry(co, counts.get(id(co), 0))
        if e is not None:
            entries.append(e)
    return entries


def _write_process_file():
    # marshal, not json: importing modules at exit can change how the
    # process exits (enum, imported by json, resets the flag that makes an
    # unhandled KeyboardInterrupt end the process by SIGINT).
    import _frozen_importlib_external as external
    import marshal
    argv0 = sys.argv[0] if getattr(sys, "argv", None) else ""
    data = {"format": FORMAT, "version": VERSION, "python": sys.version,
            "magic": external.MAGIC_NUMBER.hex(), "pid": os.getpid(),
            "argv0": argv0 if isinstance(argv0, str) else "", "codes": _snapshot()}
    name = os.path.join(_dir, "%d-%d.marshal" % (os.getpid(), _time_ns()))
    tmp = name + ".tmp"
    with open(tmp, "wb") as f:
        marshal.dump(data, f)
    # Renamed whole: the driver never reads a half-written file.
    os.replace(tmp, name)


def _time_ns():
    import time
    return time.time_ns()


def _finish():
    """Write this process's profile once: at exit, at os._exit, or on SIGTERM."""
    global _finished, _generation, _writing
    if _finished:
        return
    _finished = True
    _generation += 1
    _writing = True
    try:
        _write_process_file()
    except FileNotFoundError:
        pass  # outlived the `pyaot profile` run (a forkserver): nowhere to write
    except Exception as exc:  # the program's exit must not fail because of us
        try:
            sys.stderr.write("pyaot: warning: profile of process %d not written: %r\n"
                             % (os.getpid(), exc))
        except Exception:
            pass
    finally:
        _writing = False
    if _sigterm_pending:
        _die_of_sigterm()


def _after_fork_child():
    global _finished, _sigterm_pending
    _finished = _sigterm_pending = False
    _samples.clear()
    _start_sampler()


def _die_of_sigterm():
    import _signal
    _signal.signal(_signal.SIGTERM, _signal.SIG_DFL)
    os.kill(os.getpid(), _signal.SIGTERM)


def _on_sigterm(signum, frame):
    global _sigterm_pending
    # Arriving while the file is written (a pool worker leaving as the pool
    # terminates it): die once it is written.
    _sigterm_pending = True
    if not _writing:
        _finish()
        _die_of_sigterm()


def start(rt, run_at_exit):
    """Record this process (called by pyaot_boot when PYAOT_PROFILE_DIR is
    set); run_at_exit(f) calls f at exit and at os._exit."""
    global _rt, _dir, _interval, _own_files, _types
    if _rt is not None:
        return
    _rt = rt
    _dir = os.path.abspath(os.environ["PYAOT_PROFILE_DIR"])
    try:
        _interval = float(os.environ.get("PYAOT_PROFILE_INTERVAL") or 1) / 1000.0
    except ValueError:
        pass
    _own_files = tuple(os.path.join(_HERE, f) for f in
                       ("pyaot_profile.py", "pyaot_boot.py", "site/sitecustomize.py"))
    import types
    _types = types  # now: no module is imported at exit (see _write_process_file)
    run_at_exit(_finish)
    os.register_at_fork(after_in_child=_after_fork_child)
    # Process pools end their workers with SIGTERM: write first, then die of
    # it as before. A handler the program installs replaces this one.
    import _signal
    try:
        if _signal.getsignal(_signal.SIGTERM) == _signal.SIG_DFL:
            _signal.signal(_signal.SIGTERM, _on_sigterm)
    except (ValueError, OSError):  # not the main thread
        pass
    _start_sampler()


# ------------------------------------------------------------ profile files

class ProfileError(Exception):
    """A profile that cannot be used; the message names the file."""


_deopt = None
_specialized = None


def deopt_table():
    """opcode -> its base (unspecialized) opcode, for all 256 values."""
    global _deopt, _specialized
    if _deopt is None:
        import dis
        table = list(range(256))
        for name, base in dis.deoptmap.items():
            table[dis._all_opmap[name]] = dis.opmap[base]
        _deopt = bytes(table)
        # Forms that say what the interpreter saw (types, versions), unlike
        # the merely quickened ones (_ADAPTIVE, _QUICK, superinstructions).
        _specialized = frozenset(dis._all_opmap[name] for name in dis.deoptmap
                                 if not name.endswith(("_ADAPTIVE", "_QUICK"))
                                 and "__" not in name)
    return _deopt


def specialized_opcodes():
    deopt_table()
    return _specialized


def this_interpreter():
    import importlib.util
    return sys.version, importlib.util.MAGIC_NUMBER.hex()


def read_profile(path, loads=None):
    """A profile file as {"python", "magic", "codes": {key: [nunits,
    samples, ops]}}; entries whose ops do not match nunits are dropped.
    `loads` reads the recorder's own files (marshal) instead of JSON."""
    import json
    try:
        with open(path, "rb") as f:
            data = (loads or json.loads)(f.read())
    except OSError as exc:
        raise ProfileError("%s: cannot read: %s" % (path, exc.strerror or exc))
    except (ValueError, EOFError, TypeError) as exc:
        raise ProfileError("%s: not a pyaot profile (invalid %s: %s)"
                           % (path, "JSON" if loads is None else "data", exc))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProfileError("%s: not a pyaot profile (no \"format\": \"%s\")" % (path, FORMAT))
    if data.get("version") != VERSION:
        raise ProfileError("%s: profile format version %r; this pyaot reads version %d"
                           % (path, data.get("version"), VERSION))
    python, magic, codes = data.get("python"), data.get("magic"), data.get("codes")
    if not isinstance(python, str) or not isinstance(magic, str) or not isinstance(codes, list):
        raise ProfileError("%s: malformed profile (python, magic or codes missing)" % path)
    table = {}
    for i, c in enumerate(codes):
        try:
            key = (c["file"], c["qualname"], c["firstlineno"], c["hash"])
            nunits, samples, ops = c["nunits"], c["samples"], c["ops"]
            ok = (all(isinstance(k, str) for k in (key[0], key[1], key[3]))
                  and all(type(v) is int for v in (key[2], nunits, samples))
                  and isinstance(ops, str) and len(key[3]) == 16
                  and all(ch in "0123456789abcdefABCDEF" for ch in key[3])
                  and nunits >= 1 and samples >= 0)
        except (TypeError, KeyError):
            ok = False
        if not ok:
            raise ProfileError("%s: malformed profile (codes[%d])" % (path, i))
        try:
            ops = bytes.fromhex(ops)
        except ValueError:
            continue
        if len(ops) != nunits:
            continue
        add_entry(table, key, [nunits, samples, ops])
    return {"python": python, "magic": magic, "codes": table}


def merge_ops(a, b):
    """Per code unit: the same opcode stays; two forms of one instruction
    become its base opcode, on which the compiler does not speculate. None
    when the two are not the same bytecode at all."""
    if a == b:
        return a
    if len(a) != len(b):
        return None
    deopt = deopt_table()
    out = bytearray(a)
    for u, (x, y) in enumerate(zip(a, b)):
        if x != y:
            if deopt[x] != deopt[y]:
                return None
            out[u] = deopt[x]
    return bytes(out)


def add_entry(table, key, entry):
    have = table.get(key)
    if have is None:
        table[key] = entry
        return
    ops = None if have[2] is None else merge_ops(have[2], entry[2])
    if ops is None:  # never misapply: drop what cannot be reconciled
        table[key] = [have[0], have[1] + entry[1], None]
    else:
        table[key] = [have[0], have[1] + entry[1], ops]


def write_profile(path, python, magic, table, extra=None):
    """Write atomically: a temporary file beside `path`, renamed over it."""
    import json
    codes = [{"file": k[0], "qualname": k[1], "firstlineno": k[2], "hash": k[3],
              "nunits": e[0], "samples": e[1], "ops": e[2].hex()}
             for k, e in sorted(table.items()) if e[2] is not None]
    head = {"format": FORMAT, "version": VERSION, "python": python, "magic": magic}
    head.update(extra or {})
    # One code object per line: readable, and diffs of two runs line up.
    text = json.dumps(head)[:-1] + ', "codes": [\n' + ",\n".join(
        json.dumps(c) for c in codes) + "\n]}\n"
    path = os.path.abspath(path)
    tmp = "%s.%d.tmp" % (path, os.getpid())
    try:
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return codes


def summary(codes):
    hot = sum(1 for c in codes if c["samples"] > 0)
    special = specialized_opcodes()
    spec = sum(1 for c in codes for op in bytes.fromhex(c["ops"]) if op in special)
    return "%d code objects (%d sampled), %d specialized instructions" % (len(codes), hot, spec)


# ------------------------------------------------------------------- driver

PROFILE_HELP = """\
usage: pyaot profile -o FILE [--interval MS] [--] COMMAND [ARGS...]
       pyaot profile -o FILE [--interval MS] [PYTHON-OPTIONS] SCRIPT [ARGS...]
       pyaot profile -o FILE [--interval MS] [PYTHON-OPTIONS] -m MODULE [ARGS...]
       pyaot profile -o FILE [--interval MS] [PYTHON-OPTIONS] -c CODE [ARGS...]
       pyaot profile merge -o OUT PROFILE...

A training run: run the program in the plain interpreter (no native code,
no eval-frame hook) with a recorder active in every Python process it starts,
and write what CPython's run-time specialization learnt into FILE, for
`pyaot compile --profile FILE`. Each process records, for every code object it
can still reach at exit, the quickened opcodes of _co_code_adaptive (such as
BINARY_OP_ADD_INT or LOAD_ATTR_INSTANCE_VALUE) and how often a sampler thread
found it on a stack; FILE merges all processes (docs/profile-format.md).

COMMAND is run as given (e.g. /usr/bin/python3.11 app.py, or a shell script
that starts Python); a first word that ends in .py, names a directory or a
non-executable file, or is an interpreter option (-m, -c, ...) is a Python
program for the target interpreter (%(python)s), as with `pyaot run`. The
recorder is switched on through the environment (PYTHONPATH names a
sitecustomize, PYAOT_PROFILE_DIR a directory for the processes' files), so
processes started with -I, -E or -S, or with an environment that drops
those variables, are not recorded; nor are processes that end by exec, by
os.abort or by a signal other than SIGTERM, or that are still running when
COMMAND exits.

The program's output and exit status are its own; the exit status is
COMMAND's. FILE is written whole (temporary file, then rename), and not at
all when pyaot profile itself is interrupted. A summary goes to stderr.

  -o FILE, --output FILE   the profile to write
  --interval MS            sampling interval in milliseconds (default 1)

merge: combine profiles recorded by the same interpreter: entries of all;
for the same code object, samples add up and an instruction that the runs
specialized differently gets its base opcode (no speculation there).
"""


def _usage(msg):
    sys.stderr.write("pyaot profile: %s\n\n%s" % (msg, PROFILE_HELP % {"python": sys.executable}))
    sys.exit(2)


def _blocking_option(args):
    """The first of -I, -E, -S among the interpreter options, or None."""
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] != "-":
        a = args[i]
        if a == "--":
            return None
        if a == "--check-hash-based-pycs":
            i += 2
            continue
        if not a.startswith("--"):
            for j, ch in enumerate(a[1:]):
                if ch in "IES":
                    return ch
                if ch in "cm":
                    return None
                if ch in "WX":
                    if j + 2 == len(a):
                        i += 1
                    break
        i += 1
    return None


def _command(words):
    """argv for the program: as given, or run by the target interpreter."""
    first = words[0]
    if first.startswith("-") and first != "-":
        bad = _blocking_option(words)
        if bad:
            _usage("-%s would keep the recorder out (it is switched on through "
                   "PYTHONPATH and site)" % bad)
        return [sys.executable] + words
    if (first.endswith((".py", ".pyc", ".pyz")) or os.path.isdir(first)
            or (os.path.isfile(first) and not os.access(first, os.X_OK))):
        return [sys.executable] + words
    return words


def _parse(args, merge):
    out, interval, i = None, "1", 0
    while i < len(args):
        a = args[i]
        if a in ("-h", "--help"):
            sys.stdout.write(PROFILE_HELP % {"python": sys.executable})
            sys.exit(0)
        if merge and a.startswith("--interval"):
            _usage("merge takes no --interval")
        if a in ("-o", "--output", "--interval"):
            if i + 1 >= len(args):
                _usage("%s needs a value" % a)
            if a == "--interval":
                interval = args[i + 1]
            else:
                out = args[i + 1]
            i += 2
        elif a.startswith("--output=") or a.startswith("--interval="):
            name, _, value = a.partition("=")
            if name == "--output":
                out = value
            else:
                interval = value
            i += 1
        elif a.startswith("-o") and len(a) > 2:
            out = a[2:]
            i += 1
        elif a == "--":
            i += 1
            break
        elif merge and a.startswith("-"):
            _usage("unknown option %s" % a)
        else:
            break
    if not out:
        _usage("-o FILE is required")
    try:
        ms = float(interval)
        if not 0 < ms <= 60000:
            raise ValueError
    except ValueError:
        _usage("--interval takes a number of milliseconds above 0")
    return out, interval, args[i:]


def _load_runtime_extension():
    """The recorder needs _pyaot.code_hash: fail now, before the program runs."""
    sys.path.insert(0, _HERE)
    try:
        import pyaot_boot
        pyaot_boot._load_runtime()
    except Exception as exc:
        sys.stderr.write("pyaot profile: cannot load the runtime extension _pyaot from %s: %s\n"
                         % (_HERE, exc))
        sys.exit(2)
    finally:
        del sys.path[0]


def _merge_main(args):
    out, _, inputs = _parse(args, True)
    if not inputs:
        _usage("merge needs at least one PROFILE")
    python, magic = None, this_interpreter()[1]
    table = {}
    try:
        for path in inputs:
            p = read_profile(path)
            if p["magic"] != magic:
                raise ProfileError("%s: recorded for .pyc magic %s; this interpreter has %s"
                                   % (path, p["magic"], magic))
            if python is None:
                python = p["python"]
            elif p["python"] != python:
                raise ProfileError("%s: recorded by another interpreter:\n  %s\nnot\n  %s"
                                   % (path, p["python"], python))
            for key, e in p["codes"].items():
                add_entry(table, key, e)
        codes = write_profile(out, python, magic, table)
    except ProfileError as exc:
        sys.stderr.write("pyaot profile merge: %s\n" % exc)
        return 2
    except OSError as exc:
        sys.stderr.write("pyaot profile merge: cannot write %s: %s\n" % (out, exc))
        return 2
    sys.stderr.write("pyaot profile: %s: %d profile(s) merged, %s\n"
                     % (out, len(inputs), summary(codes)))
    return 0


def _collect(tmpdir, out):
    python, magic = this_interpreter()
    table, processes, foreign = {}, 0, {}
    import marshal
    for name in sorted(os.listdir(tmpdir)):
        if not name.endswith(".marshal"):
            continue
        try:
            p = read_profile(os.path.join(tmpdir, name), marshal.loads)
        except ProfileError as exc:
            sys.stderr.write("pyaot profile: warning: %s\n" % exc)
            continue
        if p["python"] != python or p["magic"] != magic:
            foreign[p["python"]] = foreign.get(p["python"], 0) + 1
            continue
        processes += 1
        for key, e in p["codes"].items():
            add_entry(table, key, e)
    for version, n in foreign.items():
        sys.stderr.write("pyaot profile: warning: ignored %d process(es) of another "
                         "interpreter (%s)\n" % (n, version.split()[0]))
    if processes == 0:
        sys.stderr.write("pyaot profile: warning: no Python process of %s was recorded (-I, -E, "
                         "-S or a cleared environment keep the recorder out)\n" % sys.executable)
    codes = write_profile(out, python, magic, table, {"processes": processes})
    sys.stderr.write("pyaot profile: %s: %d process(es), %s\n" % (out, processes, summary(codes)))


def _profile_main(args):
    import shutil
    import signal
    import subprocess
    import tempfile
    out, interval, words = _parse(args, False)
    if not words:
        _usage("no COMMAND given")
    argv = _command(words)
    out_dir = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(out_dir):
        sys.stderr.write("pyaot profile: %s: no such directory\n" % out_dir)
        return 2
    _load_runtime_extension()
    tmpdir = tempfile.mkdtemp(prefix="pyaot-profile-")
    env = dict(os.environ)
    site = os.path.join(_HERE, "site")
    env["PYTHONPATH"] = site + (":" + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYAOT_PROFILE_DIR"] = tmpdir
    env["PYAOT_PROFILE_INTERVAL"] = interval
    try:
        # Ctrl-C reaches the program itself (same process group); it ends as
        # it chooses to and its processes still write their files. A no-op
        # handler, not SIG_IGN, which the program would inherit.
        signal.signal(signal.SIGINT, lambda *a: None)
        try:
            child = subprocess.Popen(argv, env=env)
        except OSError as exc:
            sys.stderr.write("pyaot profile: cannot run %s: %s\n" % (argv[0], exc.strerror or exc))
            return 127
        signal.signal(signal.SIGTERM, lambda sig, frame: child.send_signal(sig))
        status = child.wait()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _collect(tmpdir, out)
    except KeyboardInterrupt:
        sys.stderr.write("pyaot profile: interrupted; %s not written\n" % out)
        return 130
    except (OSError, ProfileError) as exc:
        sys.stderr.write("pyaot profile: cannot write %s: %s\n" % (out, exc))
        return 2
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    if status < 0:  # die of the same signal as the program did
        sys.stderr.flush()
        signal.signal(-status, signal.SIG_DFL)
        os.kill(os.getpid(), -status)
        return 128 - status
    return status


def main(args):
    if args and args[0] == "merge":
        return _merge_main(args[1:])
    if not args:
        _usage("no arguments")
    return _profile_main(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
