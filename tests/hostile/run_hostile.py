"""Hostile-input tests: pyaot must reject bad inputs cleanly and must never
let a bad artifact change what a program does.

Compiler side: every bad file gives exit status 1 and one message
`pyaot: PATH: reason`, never a crash, while the good files given in the same
invocation still get their artifacts; no temporary files are left behind.

Runtime side: a small package is compiled, then its artifact is made stale,
corrupted, truncated, replaced or built for another interpreter. Each time
the program must print exactly what stock python3.11 prints, exit the same
way, warn once on stderr naming the artifact and the reason, and run no
native code for that module.

usage: run_hostile.py --pyaot BUILD/pyaot --python /usr/bin/python3.11 --work DIR
                      [NAME_FILTER...]

Prints `ok NAME` or `FAIL NAME: details` per check (`skip NAME: why` when
this machine cannot set a check up) and ends with `N passed, M failed`.
Runs under the target interpreter (python3.11): .pyc files are made with
its marshal and magic number.
"""

import argparse
import importlib.util
import marshal
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.dirname(os.path.dirname(HERE))
TIMEOUT = 120

ARGS = None  # the parsed command line


class Failure(Exception):
    pass


class Skip(Exception):
    pass


def expect(cond, message):
    if not cond:
        raise Failure(message)


# ---------------------------------------------------------------- helpers

def clean_env(**extra):
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("PYAOT_") and k != "PYAOT_PYTHON":
            del env[k]
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    env["PYTHONHASHSEED"] = "0"
    env.update(extra)
    return env


def run(cmd, cwd, env=None, timeout=None):
    """Run to completion; on timeout kill the whole process group (workers too)."""
    timeout = timeout or TIMEOUT
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or clean_env(), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        raise Failure("timed out after %d s: %s" % (timeout, " ".join(cmd)))
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()


def text(b):
    return b.decode("utf-8", "replace")


def fresh_dir(*parts):
    d = os.path.join(ARGS.work, *parts)
    if os.path.exists(d):
        make_writable(d)
        shutil.rmtree(d)
    os.makedirs(d)
    return d


def make_writable(top):
    for root, dirs, _ in os.walk(top):
        os.chmod(root, 0o755)
        for x in dirs:
            p = os.path.join(root, x)
            if not os.path.islink(p):
                os.chmod(p, 0o755)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)
    return path


def read(path):
    with open(path, "rb") as f:
        return f.read()


def artifact_of_py(py):
    """__pycache__/NAME.cpython-311.pyaot.so beside a .py."""
    return importlib.util.cache_from_source(os.path.abspath(py))[:-4] + ".pyaot.so"


def artifact_of_pyc(pyc):
    """dir/NAME.pyaot.so beside a sourceless dir/NAME.pyc."""
    return os.path.abspath(pyc)[:-4] + ".pyaot.so"


def pyc_bytes(source, magic=None, flags=0):
    """A .pyc image of `source`, with another magic number if asked."""
    code = compile(source, "<hostile>", "exec")
    head = importlib.util.MAGIC_NUMBER if magic is None else magic.to_bytes(2, "little") + b"\r\n"
    return (head + flags.to_bytes(4, "little") + (0).to_bytes(4, "little")
            + len(source).to_bytes(4, "little") + marshal.dumps(code))


GOOD_SOURCE = "def twice(x):\n    return 2 * x\n\nprint(twice(21))\n"


def pyaot_compile(cwd, *paths, env=None, timeout=None):
    return run([ARGS.pyaot, "compile", "-q"] + list(paths), cwd, env=env, timeout=timeout)


def no_crash(res):
    """Exit status 1 (some files failed), no signal, no traceback, no dead worker."""
    err = text(res.stderr)
    expect(res.returncode == 1, "exit status %d, expected 1\nstderr: %s" % (res.returncode, err))
    expect("Traceback" not in err, "a traceback on stderr:\n" + err)
    expect("worker(s) died" not in err, "a compile worker died:\n" + err)


def expect_reported(res, path, words):
    """One stderr line `pyaot: PATH: reason` whose reason contains one of `words`."""
    err = text(res.stderr)
    prefix = "pyaot: %s: " % path
    lines = [ln for ln in err.splitlines() if ln.startswith(prefix)]
    expect(lines, "no line starting %r\nstderr: %s" % (prefix, err))
    expect(len(lines) == 1, "%d lines for %s:\n%s" % (len(lines), path, "\n".join(lines)))
    reason = lines[0][len(prefix):].lower()
    expect(any(w.lower() in reason for w in words),
           "reason %r contains none of %r" % (lines[0], words))


def expect_artifact(path, what="good file"):
    expect(os.path.isfile(path), "no artifact for the %s: %s" % (what, path))
    data = read(path)
    expect(len(data) > 64 and data[:4] == b"\x7fELF" and data[-16:-8] == b"PYAOTCS2",
           "artifact %s is not a sealed ELF file" % path)


def bad_file_check(name, filename, content, words):
    """Compile one bad file between two good ones; only the bad one may fail."""
    d = fresh_dir("compile", name)
    write(os.path.join(d, "good_a.py"), GOOD_SOURCE)
    write(os.path.join(d, "good_b.pyc"), pyc_bytes(GOOD_SOURCE))
    if content is not None:
        write(os.path.join(d, filename), content)
    res = pyaot_compile(d, "good_a.py", filename, "good_b.pyc")
    no_crash(res)
    expect_reported(res, filename, words)
    expect_artifact(artifact_of_py(os.path.join(d, "good_a.py")), "good .py")
    expect_artifact(artifact_of_pyc(os.path.join(d, "good_b.pyc")), "good sourceless .pyc")
    expect_no_temp_files(d)


def temp_files(top):
    found = []
    for root, _, files in os.walk(top):
        found += [os.path.join(root, f) for f in files
                  if f.endswith(".tmp") or f.endswith(".tmp.o")]
    return found


def expect_no_temp_files(top):
    left = temp_files(top)
    expect(not left, "temporary files left behind: %s" % ", ".join(left))


def drop_privileges():
    """A command prefix under which file permissions apply, also for root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise Skip("running as root and no setpriv to drop CAP_DAC_OVERRIDE")
    return [setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]


def read_only_tree(top):
    """chmod a tree read-only; check that writing into it really fails."""
    for root, dirs, files in os.walk(top):
        for f in files:
            os.chmod(os.path.join(root, f), 0o444)
    for root, dirs, _ in os.walk(top, topdown=False):
        for x in dirs:
            os.chmod(os.path.join(root, x), 0o555)
    os.chmod(top, 0o555)
    probe = os.path.join(top, "probe-write")
    res = run(drop_privileges() + [ARGS.python, "-I", "-c", "open(%r, 'w')" % probe], top)
    if res.returncode == 0:
        os.unlink(probe)
        raise Skip("cannot make a directory read-only here")


# ------------------------------------------------------- the sample program

CALC_SOURCE = '''\
"""Arithmetic the main program calls in a loop."""


def poly(x):
    return 3 * x * x + 2 * x + 1


def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def label(n):
    parts = []
    for d in (3, 5, 7):
        if n % d == 0:
            parts.append("div%d" % d)
    return "-".join(parts) or "plain"
'''

OTHER_SOURCE = '''\
"""Another module of the package: its artifact is not calc's."""


def greet(name):
    return "hello " + name


def squares(n):
    return [i * i for i in range(n)]
'''

MAIN_SOURCE = '''\
import sys
from pkg import calc

total = 0
for i in range(1, 301):
    total += calc.poly(i) - calc.collatz(i)
    if i % 60 == 0:
        print(i, calc.label(i), total)
print("total", total)
sys.exit(3)
'''


def make_app(name):
    return make_app_in(fresh_dir("runtime", name))


def make_app_in(d):
    write(os.path.join(d, "pkg", "__init__.py"), "")
    write(os.path.join(d, "pkg", "calc.py"), CALC_SOURCE)
    write(os.path.join(d, "pkg", "other.py"), OTHER_SOURCE)
    write(os.path.join(d, "main.py"), MAIN_SOURCE)
    return d


def calc_py(d):
    return os.path.join(d, "pkg", "calc.py")


def compile_app(d):
    res = pyaot_compile(d, "pkg")
    expect(res.returncode == 0, "compiling the package failed (%d): %s"
           % (res.returncode, text(res.stderr)))
    art = artifact_of_py(calc_py(d))
    expect_artifact(art, "calc module")
    return art


def run_stock(d, prefix=(), timeout=None):
    return run(list(prefix) + [ARGS.python, "main.py"], d, timeout=timeout)


def run_aot(d, prefix=(), timeout=None, **env):
    return run(list(prefix) + [ARGS.pyaot, "run", "main.py"], d,
               env=clean_env(PYAOT_STATS="1", **env), timeout=timeout)


def split_stderr(stderr):
    """(program's own stderr, pyaot warning lines, pyaot statistics lines)."""
    own, warnings, stats = [], [], []
    for line in text(stderr).splitlines(keepends=True):
        if line.startswith("pyaot: warning: "):
            warnings.append(line.rstrip("\n"))
        elif line.startswith("pyaot: "):
            stats.append(line.rstrip("\n"))
        else:
            own.append(line)
    return "".join(own), warnings, stats


def native_entries(stats, py):
    want = os.path.realpath(py)
    for line in stats:
        m = re.match(r"pyaot: native entries in (.*): (\d+)$", line)
        if m and os.path.realpath(m.group(1)) == want:
            return int(m.group(2))
    return 0


def expect_same_as_stock(stock, aot):
    expect(aot.returncode == stock.returncode,
           "exit status: stock %d, pyaot %d" % (stock.returncode, aot.returncode))
    expect(aot.stdout == stock.stdout,
           "stdout differs:\nstock: %r\npyaot: %r" % (stock.stdout[:500], aot.stdout[:500]))
    own, _, _ = split_stderr(aot.stderr)
    expect(own == text(stock.stderr),
           "stderr differs:\nstock: %r\npyaot: %r" % (text(stock.stderr), own))


def expect_rejected(d, art, words, timeout=None):
    """The program runs as stock, with one warning naming `art` and the reason."""
    aot = run_aot(d, timeout=timeout)
    stock = run_stock(d, timeout=timeout)
    expect(stock.returncode == 3, "stock run itself is broken: %d %s"
           % (stock.returncode, text(stock.stderr)))
    expect_same_as_stock(stock, aot)
    _, warnings, stats = split_stderr(aot.stderr)
    expect(len(warnings) == 1, "expected one warning line, got %d:\n%s"
           % (len(warnings), "\n".join(warnings)))
    w = warnings[0]
    expect(w.startswith("pyaot: warning: ignoring %s: " % art) and w.endswith("; running bytecode"),
           "warning does not name the artifact %s: %r" % (art, w))
    reason = w[len("pyaot: warning: ignoring %s: " % art):].lower()
    expect(any(k.lower() in reason for k in words),
           "reason %r contains none of %r" % (w, words))
    expect(stats, "no statistics lines with PYAOT_STATS=1")
    n = native_entries(stats, calc_py(d))
    expect(n == 0, "%d native entries in calc.py from a rejected artifact" % n)


def expect_native_without_warnings(aot, py, what):
    _, warnings, stats = split_stderr(aot.stderr)
    expect(not warnings, "warnings %s: %s" % (what, warnings))
    n = native_entries(stats, py)
    expect(n > 0, "no native entries for %s %s:\n%s" % (os.path.basename(py), what,
                                                          "\n".join(stats)))


def runtime_case(name, mutate, words):
    d = make_app(name)
    art = compile_app(d)
    mutate(d, art)
    expect_rejected(d, art, words)


# ------------------------------------------- recomputing a checksum trailer

HASH_HELPER = r'''
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "%s"

/* Prints pyaot_checksum(file) in hex: the artifact checksum; with -v1, the
   first format's pyaot_hash_bytes(0, file). */
int main(int argc, char **argv)
{
    int v1 = argc == 3 && strcmp(argv[1], "-v1") == 0;
    FILE *f = argc == 2 + v1 ? fopen(argv[1 + v1], "rb") : NULL;
    if (f == NULL)
        return 2;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
        return 2;
    uint64_t h = v1 ? pyaot_hash_bytes(0, buf, (size_t)n) : pyaot_checksum(buf, (size_t)n);
    printf("%%016llx\n", (unsigned long long)h);
    return 0;
}
'''

_hash_tool = None


def hash_tool():
    """Build (once) a helper around the runtime's own runtime/codehash.c."""
    global _hash_tool
    if _hash_tool:
        return _hash_tool
    d = os.path.join(ARGS.work, "tools")
    os.makedirs(d, exist_ok=True)
    src = write(os.path.join(d, "pyaot_hash.c"),
                HASH_HELPER % os.path.join(SOURCE_ROOT, "runtime", "codehash.c"))
    exe = os.path.join(d, "pyaot_hash")
    cfg = run([ARGS.python, "-I", "-c", "import sysconfig as s; "
               "print(s.get_paths()['include']); print(s.get_config_var('LIBDIR') or '')"], d)
    expect(cfg.returncode == 0, "cannot ask %s for its include directory" % ARGS.python)
    include, libdir = text(cfg.stdout).splitlines()[:2]
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        raise Skip("no C compiler to build the checksum helper")
    # codehash.c also holds the code-object hashing, which needs libpython.
    for link in (["-L" + libdir, "-lpython%d.%d" % sys.version_info[:2]],
                 ["-Wl,--unresolved-symbols=ignore-all"]):
        res = run([cc, "-O1", "-I" + include, "-o", exe, src] + link, d)
        if res.returncode == 0:
            break
    expect(res.returncode == 0, "cannot build the checksum helper:\n" + text(res.stderr))
    env = clean_env(LD_LIBRARY_PATH=libdir)
    _hash_tool = (exe, env)
    return _hash_tool


def checksum(path, v1=False):
    exe, env = hash_tool()
    res = run([exe] + (["-v1"] if v1 else []) + [path], os.path.dirname(path), env=env)
    expect(res.returncode == 0, "checksum helper failed on %s" % path)
    return int(text(res.stdout), 16)


def reseal(art, body, v1=False):
    """Write `body` to `art` with a correct trailer (the first format's with v1)."""
    write(art, body)
    h = checksum(art, v1)
    write(art, body + (b"PYAOTSUM" if v1 else b"PYAOTCS2") + h.to_bytes(8, "little"))


def expect_helper_agrees(art):
    data = read(art)
    body = os.path.join(os.path.dirname(art), "body.bin")
    write(body, data[:-16])
    h = checksum(body)
    os.unlink(body)
    expect(data[-8:] == h.to_bytes(8, "little"),
           "test helper: recomputed checksum differs from the compiler's trailer")


def other_build_string():
    """sys.version with every digit of the build part changed: same length."""
    version = sys.version
    head, sep, build = version.partition(" ")
    other = "".join(str((int(c) + 1) % 10) if c.isdigit() else c for c in build)
    expect(other != build, "cannot derive another build string from %r" % version)
    return version.encode(), (head + sep + other).encode()


# ======================================================= compiler checks

def check_pyc_header_only():
    bad_file_check("pyc_header_only", "bad.pyc", pyc_bytes(GOOD_SOURCE)[:16],
                   ["truncated", "corrupt"])


def check_pyc_half_marshal():
    data = pyc_bytes(GOOD_SOURCE)
    bad_file_check("pyc_half_marshal", "bad.pyc", data[:16 + (len(data) - 16) // 2],
                   ["truncated", "corrupt"])


def check_pyc_wrong_magic():
    data = pyc_bytes(GOOD_SOURCE)
    bad_file_check("pyc_wrong_magic", "bad.pyc", b"\x00\xff\xee\xdd" + data[4:],
                   ["magic"])


def check_pyc_python310():
    bad_file_check("pyc_python310", "old.pyc", pyc_bytes(GOOD_SOURCE, magic=3439),
                   ["3.10"])


def check_pyc_python312():
    bad_file_check("pyc_python312", "new.pyc", pyc_bytes(GOOD_SOURCE, magic=3531),
                   ["3.12"])


def check_pyc_garbage():
    rng = random.Random(1)
    junk = b"NOPE" + bytes(rng.randrange(256) for _ in range(3000))
    bad_file_check("pyc_garbage", "x.pyc", junk,
                   ["magic", "not a .pyc", "corrupt", "truncated"])


def check_pyc_empty():
    bad_file_check("pyc_empty", "empty.pyc", b"", ["empty", "truncated"])


def check_pyc_not_code():
    data = pyc_bytes(GOOD_SOURCE)[:16] + marshal.dumps((1, "two", 3.0))
    bad_file_check("pyc_not_code", "tuple.pyc", data, ["not a code object"])


def check_pyc_bad_flags():
    bad_file_check("pyc_bad_flags", "flags.pyc", pyc_bytes(GOOD_SOURCE, flags=0x40),
                   ["flags"])


def check_pyc_flags_as_importlib():
    """A sourceless .pyc is accepted exactly when importlib imports it: any
    flags within 0..3 (bit 1 alone is a timestamp .pyc too), none beyond."""
    d = fresh_dir("compile", "pyc_flags")
    write(os.path.join(d, "main.py"), "import mod\n")
    for flags in (0, 1, 2, 3, 4, 6, 0x40, 0x80000002):
        mod = write(os.path.join(d, "mod.pyc"), pyc_bytes(GOOD_SOURCE, flags=flags))
        art = artifact_of_pyc(mod)
        if os.path.exists(art):
            os.unlink(art)
        stock = run([ARGS.python, "main.py"], d)
        imports = stock.returncode == 0 and stock.stdout == b"42\n"
        expect(imports or b"invalid flags" in stock.stderr,
               "flags %#x: stock import neither works nor names the flags: %s"
               % (flags, text(stock.stderr)))
        res = pyaot_compile(d, "mod.pyc")
        if imports:
            expect(res.returncode == 0, "flags %#x: importlib accepts it, pyaot compile says: %s"
                   % (flags, text(res.stderr)))
            expect_artifact(art, "flags %#x .pyc" % flags)
            aot = run([ARGS.pyaot, "run", "main.py"], d, env=clean_env(PYAOT_STATS="1"))
            expect_same_as_stock(stock, aot)
            _, warnings, _ = split_stderr(aot.stderr)
            expect(not warnings, "flags %#x: %s" % (flags, warnings))
        else:
            no_crash(res)
            expect_reported(res, "mod.pyc", ["flags"])
    expect_no_temp_files(d)


def check_py_syntax_error():
    bad_file_check("py_syntax_error", "broken.py", "def f(:\n    return 1\n",
                   ["SyntaxError"])


def check_py_null_bytes():
    bad_file_check("py_null_bytes", "nul.py", b"x = 1\x00\n", ["null"])


def check_py_too_deep():
    bad_file_check("py_too_deep", "deep.py", "x = 1" + " + 1" * 200000 + "\n",
                   ["recursion", "too"])


def check_missing_path():
    bad_file_check("missing_path", "no_such_file.py", None,
                   ["no such file", "does not exist", "not found"])


def check_not_python_file():
    bad_file_check("not_python_file", "notes.txt", "just text\n", ["not a .py"])


def check_directory_mix():
    d = fresh_dir("compile", "directory_mix")
    tree = os.path.join(d, "tree")
    good = [write(os.path.join(tree, "a_good.py"), GOOD_SOURCE),
            write(os.path.join(tree, "sub", "c_good.py"), GOOD_SOURCE)]
    sourceless = write(os.path.join(tree, "sub", "d_sourceless.pyc"), pyc_bytes(GOOD_SOURCE))
    bad = {
        "tree/b_syntax.py": ("def (:\n", ["SyntaxError"]),
        "tree/sub/e_empty.pyc": (b"", ["empty", "truncated"]),
        "tree/sub/f_py310.pyc": (pyc_bytes(GOOD_SOURCE, magic=3439), ["3.10"]),
        "tree/sub/g_garbage.pyc": (b"GARBAGE!" * 64, ["magic", "not a .pyc"]),
    }
    for rel, (content, _) in bad.items():
        write(os.path.join(d, rel), content)
    write(os.path.join(tree, "README.txt"), "not python\n")
    res = pyaot_compile(d, "tree")
    no_crash(res)
    for rel, (_, words) in bad.items():
        expect_reported(res, rel, words)
    reported = [ln for ln in text(res.stderr).splitlines() if re.match(r"pyaot: tree/", ln)]
    expect(len(reported) == len(bad), "expected %d failures, got:\n%s"
           % (len(bad), "\n".join(reported)))
    for g in good:
        expect_artifact(artifact_of_py(g), "good " + os.path.relpath(g, d))
    expect_artifact(artifact_of_pyc(sourceless), "sourceless .pyc")
    expect_no_temp_files(d)


def check_symlink_cycles():
    """Two symlinks back to the directory: the walk must still end."""
    d = fresh_dir("compile", "symlink_cycles")
    py = write(os.path.join(d, "tree", "m.py"), GOOD_SOURCE)
    os.symlink(".", os.path.join(d, "tree", "loop1"))
    os.symlink(".", os.path.join(d, "tree", "loop2"))
    res = pyaot_compile(d, "tree", timeout=30)
    expect(res.returncode in (0, 1), "exit status %d\n%s" % (res.returncode, text(res.stderr)))
    expect_artifact(artifact_of_py(py), "module inside the cyclic tree")


def check_linker_failure_cleans_up():
    """A linker that writes half an output and fails: no temporary file stays."""
    d = fresh_dir("compile", "linker_failure")
    ld = fake_linker(d, "exit 1")
    py = write(os.path.join(d, "m.py"), GOOD_SOURCE)
    res = pyaot_compile(d, "m.py", env=clean_env(PYAOT_LD=ld))
    no_crash(res)
    expect_reported(res, "m.py", ["linker"])
    expect(not os.path.exists(artifact_of_py(py)), "an artifact exists after a failed link")
    expect_no_temp_files(d)


def check_interrupt_cleans_up():
    """SIGINT (Ctrl-C) while linking in-process (-j 1): no temporary file stays."""
    interrupt_case("interrupt_j1", ["m.py"], jobs=1)


def check_interrupt_workers_clean_up():
    """SIGINT (Ctrl-C) while two workers are linking: no temporary file stays."""
    interrupt_case("interrupt_j2", ["m1.py", "m2.py"], jobs=2)


def interrupt_case(name, names, jobs):
    d = fresh_dir("compile", name)
    ld = fake_linker(d, "exec sleep 60")
    pys = [write(os.path.join(d, n), GOOD_SOURCE) for n in names]
    proc = subprocess.Popen([ARGS.pyaot, "compile", "-q", "-j", str(jobs)] + pys, cwd=d,
                            env=clean_env(PYAOT_LD=ld), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        deadline = time.time() + 60
        while len([f for f in temp_files(d) if f.endswith(".tmp")]) < len(pys):
            if proc.poll() is not None:
                raise Failure("pyaot ended before linking: %s" % text(proc.communicate()[1]))
            expect(time.time() < deadline, "the fake linker never ran")
            time.sleep(0.05)
        time.sleep(0.2)
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            raise Failure("pyaot still running 30 s after SIGINT")
    finally:
        kill_group(proc)
    for py in pys:
        expect(not os.path.exists(artifact_of_py(py)), "an artifact exists after SIGINT")
    expect_no_temp_files(d)


def fake_linker(d, then):
    """A linker script that writes junk to its -o file, then runs `then`."""
    path = write(os.path.join(d, "fake-ld"),
                 "#!/bin/sh\nout=\nwhile [ $# -gt 0 ]; do\n"
                 "  if [ \"$1\" = -o ]; then out=$2; fi\n  shift\ndone\n"
                 "[ -n \"$out\" ] && printf 'half an artifact' > \"$out\"\n%s\n" % then)
    os.chmod(path, 0o755)
    return path


def check_read_only_tree():
    """Compiling into a read-only tree fails cleanly, file by file."""
    d = fresh_dir("compile", "read_only")
    tree = os.path.join(d, "ro")
    write(os.path.join(tree, "m.py"), GOOD_SOURCE)
    write(os.path.join(tree, "n.py"), GOOD_SOURCE)
    read_only_tree(tree)
    res = run(drop_privileges() + [ARGS.pyaot, "compile", "-q", "ro"], d)
    no_crash(res)
    for name in ("m.py", "n.py"):
        expect_reported(res, "ro/" + name, ["permission denied", "read-only"])
    expect(not os.path.exists(os.path.join(tree, "__pycache__")), "wrote into the read-only tree")
    expect_no_temp_files(d)


def check_read_only_installed_tree():
    """The same with __pycache__/*.pyc already there, as installers leave it."""
    d = fresh_dir("compile", "read_only_installed")
    tree = os.path.join(d, "ro")
    write(os.path.join(tree, "m.py"), GOOD_SOURCE)
    write(os.path.join(tree, "n.py"), GOOD_SOURCE)
    res = run([ARGS.python, "-m", "compileall", "-q", "ro"], d)
    expect(res.returncode == 0, "compileall failed: %s" % text(res.stderr))
    read_only_tree(tree)
    res = run(drop_privileges() + [ARGS.pyaot, "compile", "-q", "ro"], d)
    no_crash(res)
    for name in ("m.py", "n.py"):
        expect_reported(res, "ro/" + name, ["permission denied", "read-only"])
    expect(not [f for f in os.listdir(os.path.join(tree, "__pycache__")) if "pyaot" in f],
           "wrote into the read-only tree")
    expect_no_temp_files(d)


def check_read_only_cache_dir():
    """--cache-dir compiles a read-only tree (its __pycache__ made by stock Python,
    as an installer would); PYAOT_CACHE_PREFIX then runs it natively."""
    d = fresh_dir("compile", "read_only_cache")
    app = make_app_in(os.path.join(d, "app"))
    stock_before = run_stock(app)  # writes app/pkg/__pycache__/*.pyc
    read_only_tree(app)
    cache = os.path.join(d, "cache")
    nopriv = drop_privileges()
    res = run(nopriv + [ARGS.pyaot, "compile", "-q", "--cache-dir", cache, "app/pkg"], d)
    expect(res.returncode == 0, "--cache-dir compile failed (%d): %s"
           % (res.returncode, text(res.stderr)))
    cached = os.path.realpath(cache) + importlib.util.cache_from_source(
        os.path.realpath(calc_py(app)))[:-4] + ".pyaot.so"
    expect_artifact(cached, "calc module under --cache-dir")
    expect(not os.path.exists(artifact_of_py(calc_py(app))), "artifact written into the tree")
    expect_no_temp_files(d)
    aot = run_aot(app, nopriv, PYAOT_CACHE_PREFIX=cache)
    expect_same_as_stock(stock_before, aot)
    expect_native_without_warnings(aot, calc_py(app), "with PYAOT_CACHE_PREFIX")


def check_no_temp_files_anywhere():
    expect_no_temp_files(ARGS.work)


# ======================================================== runtime checks

def check_valid_artifact_runs_natively():
    d = make_app("valid")
    compile_app(d)
    aot = run_aot(d)
    stock = run_stock(d)
    expect_same_as_stock(stock, aot)
    expect_native_without_warnings(aot, calc_py(d), "from a valid artifact")


def check_disable():
    d = make_app("disable")
    compile_app(d)
    aot = run_aot(d, PYAOT_DISABLE="1")
    stock = run_stock(d)
    expect_same_as_stock(stock, aot)
    expect(b"pyaot" not in aot.stderr, "pyaot output with PYAOT_DISABLE=1: %r" % aot.stderr)


def check_source_changed():
    def mutate(d, art):
        src = CALC_SOURCE.replace("3 * x * x + 2 * x + 1", "(3 * x + 2) * x + 1  # same value")
        write(calc_py(d), src)
        st = os.stat(calc_py(d))  # a new mtime, whatever the clock granularity
        os.utime(calc_py(d), (st.st_atime, st.st_mtime + 10))
    runtime_case("source_changed", mutate, ["stale"])


def check_artifact_corrupted():
    def mutate(d, art):
        data = bytearray(read(art))
        mid = len(data) // 2
        for i in range(mid, mid + 16):
            data[i] ^= 0xA5
        write(art, bytes(data))
    runtime_case("corrupted", mutate, ["checksum", "corrupt"])


def check_artifact_truncated():
    def mutate(d, art):
        data = read(art)
        write(art, data[:len(data) // 2])
    runtime_case("truncated", mutate, ["truncated", "corrupt", "checksum"])


def check_artifact_random():
    def mutate(d, art):
        rng = random.Random(2)
        write(art, bytes(rng.randrange(256) for _ in range(len(read(art)))))
    runtime_case("random", mutate, ["not a pyaot artifact", "corrupt", "checksum"])


def check_artifact_empty():
    runtime_case("empty", lambda d, art: write(art, b""),
                 ["truncated", "empty", "not a pyaot artifact"])


def check_artifact_other_interpreter():
    def mutate(d, art):
        expect_helper_agrees(art)
        data = read(art)
        mine, other = other_build_string()
        expect(mine in data, "artifact does not contain sys.version %r" % mine)
        reseal(art, data[:-16].replace(mine, other))
    runtime_case("other_interpreter", mutate, ["another interpreter"])


def check_artifact_other_compiler():
    def mutate(d, art):
        body = read(art)[:-16]
        m = re.search(rb"pyaot (\d+\.\d+\.\d+)\x00", body)
        expect(m, "artifact has no 'pyaot X.Y.Z' compiler string")
        other = bytes(b"0123456789"[(c - 48 + 1) % 10] if 48 <= c <= 57 else c
                      for c in m.group(1))
        reseal(art, body.replace(m.group(), b"pyaot " + other + b"\x00"))
    runtime_case("other_compiler", mutate, ["built by"])


def check_artifact_old_checksum_format():
    def mutate(d, art):
        reseal(art, read(art)[:-16], v1=True)  # sound, in the first format
    runtime_case("old_checksum_format", mutate, ["older pyaot"])


def check_artifact_of_other_module():
    def mutate(d, art):
        shutil.copyfile(artifact_of_py(os.path.join(d, "pkg", "other.py")), art)
    runtime_case("other_module", mutate, ["stale"])


def check_artifact_is_directory():
    def mutate(d, art):
        os.unlink(art)
        os.mkdir(art)
    runtime_case("artifact_directory", mutate, ["not a regular file"])


def check_artifact_is_fifo():
    """A FIFO at the artifact path must not block the import."""
    d = make_app("artifact_fifo")
    art = compile_app(d)
    os.unlink(art)
    os.mkfifo(art)
    expect_rejected(d, art, ["cannot", "not a pyaot artifact", "not a regular file"], timeout=15)


CHECKS = [
    check_pyc_header_only,
    check_pyc_half_marshal,
    check_pyc_wrong_magic,
    check_pyc_python310,
    check_pyc_python312,
    check_pyc_garbage,
    check_pyc_empty,
    check_pyc_not_code,
    check_pyc_bad_flags,
    check_pyc_flags_as_importlib,
    check_py_syntax_error,
    check_py_null_bytes,
    check_py_too_deep,
    check_missing_path,
    check_not_python_file,
    check_directory_mix,
    check_symlink_cycles,
    check_linker_failure_cleans_up,
    check_interrupt_cleans_up,
    check_interrupt_workers_clean_up,
    check_read_only_tree,
    check_read_only_installed_tree,
    check_read_only_cache_dir,
    check_valid_artifact_runs_natively,
    check_disable,
    check_source_changed,
    check_artifact_corrupted,
    check_artifact_truncated,
    check_artifact_random,
    check_artifact_empty,
    check_artifact_other_interpreter,
    check_artifact_other_compiler,
    check_artifact_old_checksum_format,
    check_artifact_of_other_module,
    check_artifact_is_directory,
    check_artifact_is_fifo,
    check_no_temp_files_anywhere,
]


def parse_runner_args(doc):
    """The command line every check runner takes (hostile, breaker)."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--pyaot", required=True)
    ap.add_argument("--python", default="/usr/bin/python3.11")
    ap.add_argument("--work", required=True)
    ap.add_argument("only", nargs="*", help="run only checks whose name contains one of these")
    args = ap.parse_args()
    args.pyaot = os.path.abspath(args.pyaot)
    args.work = os.path.abspath(args.work)
    return args


def main():
    global ARGS
    ARGS = parse_runner_args(__doc__)
    if os.path.exists(ARGS.work):
        make_writable(ARGS.work)
        shutil.rmtree(ARGS.work)
    os.makedirs(ARGS.work)
    passed = failed = 0
    for check in CHECKS:
        name = check.__name__[len("check_"):]
        if ARGS.only and not any(o in name for o in ARGS.only):
            continue
        try:
            check()
        except Skip as exc:
            print("skip %s: %s" % (name, exc), flush=True)
            continue
        except Failure as exc:
            failed += 1
            print("FAIL %s: %s" % (name, exc), flush=True)
            continue
        except Exception:
            failed += 1
            print("FAIL %s: test error\n%s" % (name, traceback.format_exc()), flush=True)
            continue
        passed += 1
        print("ok %s" % name, flush=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
