"""Command-line behaviour: help and usage errors, `pyaot run -m`, the .pth
autoload of `pyaot install` / `uninstall`, an installed (cmake --install)
pyaot working outside the build tree, incremental `pyaot compile`: what
it skips, what it recompiles, and its end-of-run report, and training-run
profiles: `pyaot profile`, `pyaot profile merge` and `compile --profile`.

usage: run_cli.py --pyaot BUILD/pyaot --python /usr/bin/python3.11 --build BUILD --work DIR
"""
import argparse
import dis
import importlib.machinery
import importlib.util
import json
import os
import pty
import re
import shutil
import signal
import struct
import subprocess
import sys
import time

results = []


def check(name, cond, detail=""):
    cond = bool(cond)
    results.append(cond)
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + detail))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)


REPORT = re.compile(r"^pyaot: (\d+) compiled, (\d+) up to date, (\d+) failed, of (\d+) file\(s\) in ",
                    re.M)


def counts(r):
    """(compiled, up to date, failed) from the report of a compile run."""
    m = REPORT.search(r.stderr)
    return tuple(int(x) for x in m.groups()[:3]) if m else None


def artifacts(top):
    """Every artifact below `top`: path -> (inode, mtime_ns), to tell rewrites."""
    found = {}
    for root, _, files in os.walk(top):
        for f in files:
            if f.endswith(".pyaot.so"):
                st = os.stat(os.path.join(root, f))
                found[os.path.join(root, f)] = (st.st_ino, st.st_mtime_ns)
    return found


def rewritten(before, after):
    """Names of the artifacts that are new or were replaced."""
    return sorted(os.path.basename(p).split(".")[0] for p in after if before.get(p) != after[p])


def compiles_at_start(site):
    """Code for -c that processes the .pth files of `site` and prints which
    .py files that compiled from source (audit events), and whether the
    runtime came up."""
    return ("import sys; c = []; sys.addaudithook(lambda e, a: c.append(str(a[1])) "
            "if e == 'compile' else None); import site; site.addsitedir(%r); "
            "print(sorted({p.rpartition('/')[2] for p in c if p.endswith('.py')}), "
            "'pyaot_boot' in sys.modules)" % site)


def make_stale(pyc, src):
    """Give `src` a modification time other than the one its timestamp
    .pyc records (so the interpreter finds the .pyc stale; a time `now -
    100` could be the recorded one on a slow machine) and the .pyc file an
    older one."""
    with open(pyc, "rb") as f:
        recorded, = struct.unpack_from("<I", f.read(16), 8)
    os.utime(src, (recorded - 1, recorded - 1))
    os.utime(pyc, (recorded - 101, recorded - 101))


def text_size(path):
    """Size of an ELF file's .text section, from its section headers."""
    with open(path, "rb") as f:
        data = f.read()
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    def section(k):
        return struct.unpack_from("<IIQQQQ", data, shoff + k * shentsize)
    names = section(shstrndx)[4]
    for k in range(shnum):
        name, _, _, _, _, size = section(k)
        if data[names + name:data.index(b"\0", names + name)] == b".text":
            return size
    return None


def bump_mtime(path, seconds=10):
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + seconds * 10**9))


def incremental(a, work, env):
    """A second compile does nothing; each kind of change recompiles exactly
    what it must, judged from the report and from the artifacts on disk."""
    tree = os.path.join(work, "incr")
    os.makedirs(os.path.join(tree, "pkg"))
    src = {"m1.py": "def f(x):\n    return x + 1\n",
           "m2.py": "def g(x):\n    return [i * x for i in range(4)]\n",
           "pkg/__init__.py": "",
           "pkg/m3.py": "class C:\n    def h(self):\n        return 'h'\n",
           "main.py": "import m1, m2\nfrom pkg import m3\nprint(m1.f(1), m2.g(2), m3.C().h())\n",
           "bad.py": "def broken(:\n"}
    for name, text in src.items():
        with open(os.path.join(tree, name), "w") as f:
            f.write(text)
    sourceless = os.path.join(tree, "s.pyc")
    subprocess.run([a.python, "-c", "import py_compile, sys; py_compile.compile(sys.argv[1], "
                    "sys.argv[2])", os.path.join(tree, "m1.py"), sourceless], check=True)
    good = 6  # m1 m2 pkg/__init__ pkg/m3 main s.pyc

    def comp(*extra, exe=None):
        cmd = [exe] if exe else [a.pyaot, "compile"]
        return run(cmd + ["-j", "2"] + list(extra) + [tree], env=env)

    r = comp()
    check("first compile: all but the broken file compiled",
          counts(r) == (good, 0, 1) and r.returncode == 1, r.stderr)
    check("report lists the failure with its reason", re.search(
        r"^pyaot: 1 file\(s\) could not be compiled:\n  \S*bad\.py: .*SyntaxError", r.stderr, re.M)
        is not None, r.stderr)
    m = re.search(r"^pyaot: artifacts ([\d.]+) KiB, their \.pyc files ([\d.]+) KiB \(([\d.]+)x\), "
                  r"for (\d+) module\(s\)$", r.stderr, re.M)
    arts = artifacts(tree)
    art_kib = sum(os.path.getsize(p) for p in arts) / 1024
    check("report gives artifact and .pyc sizes", m is not None and int(m.group(4)) == good
          and abs(float(m.group(1)) - art_kib) < 0.1 and float(m.group(3)) > 1, r.stderr)
    pycs = {p: os.stat(p).st_mtime_ns for p in
            [os.path.join(tree, "__pycache__", f) for f in os.listdir(os.path.join(tree, "__pycache__"))]
            if p.endswith(".pyc")}

    r = comp()
    after = artifacts(tree)
    check("second compile compiles nothing", counts(r) == (0, good, 1) and r.returncode == 1,
          r.stderr)
    check("second compile leaves every artifact and .pyc alone", after == arts and len(arts) == good
          and pycs == {p: os.stat(p).st_mtime_ns for p in pycs}, str(rewritten(arts, after)))
    check("second compile still reports the failure", "bad.py: " in r.stderr
          and "could not be compiled" in r.stderr, r.stderr)

    r = run([a.pyaot, "compile", "-q", "-j", "2", tree], env=env)
    check("-q on an up-to-date tree prints only the error",
          r.stderr.count("\n") == 1 and "bad.py: " in r.stderr, r.stderr)

    # The progress line on a terminal counts the files it skipped.
    master, slave = pty.openpty()
    p = subprocess.Popen([a.pyaot, "compile", "-j", "2", tree], env=env, stdout=subprocess.DEVNULL,
                         stderr=slave)
    os.close(slave)
    tty = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        tty += chunk
    p.wait()
    os.close(master)
    tty = tty.decode(errors="replace")
    check("terminal progress accounts for skipped files",
          "[%d/%d, %d up to date]" % (good + 1, good + 1, good) in tty, tty)

    before = artifacts(tree)
    bump_mtime(os.path.join(tree, "m1.py"))
    r = comp("-v")
    after = artifacts(tree)
    check("touching one source recompiles exactly that module",
          counts(r) == (1, good - 1, 1) and rewritten(before, after) == ["m1"]
          and re.search(r"m1\.py -> \S+ \(source changed;", r.stderr) is not None, r.stderr)

    before = after
    with open(os.path.join(tree, "m2.py"), "w") as f:
        f.write("def g(x):\n    return [i * x + 1 for i in range(5)]\n")
    r = comp()
    after = artifacts(tree)
    check("editing one source recompiles exactly that module",
          counts(r) == (1, good - 1, 1) and rewritten(before, after) == ["m2"], r.stderr)
    stock = run([a.python, "main.py"], cwd=tree, env=env)
    mine = run([a.pyaot, "run", "--stats", "main.py"], cwd=tree, env=env)
    check("the recompiled module runs natively without warnings",
          mine.stdout == stock.stdout and stock.returncode == 0 and "warning" not in mine.stderr
          and "native entries in %s" % os.path.join(tree, "m2.py") in mine.stderr, mine.stderr)

    before = after
    r = comp("-O1")
    after = artifacts(tree)
    check("another -O level recompiles all", counts(r) == (good, 0, 1)
          and len(rewritten(before, after)) == good, r.stderr)
    r = comp("-O1")
    check("... and is then up to date", counts(r) == (0, good, 1), r.stderr)
    r = comp()
    check("back to -O2 recompiles all", counts(r) == (good, 0, 1), r.stderr)

    m1_art = [p for p in after if os.path.basename(p).startswith("m1.")][0]
    m3_art = [p for p in after if os.path.basename(p).startswith("m3.")][0]
    with open(m1_art, "r+b") as f:  # flip bytes mid-file, the trailer intact
        f.seek(os.path.getsize(m1_art) // 2)
        chunk = f.read(16)
        f.seek(-16, 1)
        f.write(bytes(c ^ 0x5A for c in chunk))
    with open(m3_art, "r+b") as f:
        f.truncate(os.path.getsize(m3_art) // 2)
    m2_art = [p for p in after if os.path.basename(p).startswith("m2.")][0]
    with open(m2_art, "r+b") as f:  # the first checksum format's tag
        f.seek(-16, 2)
        f.write(b"PYAOTSUM")
    before = artifacts(tree)
    r = comp("-v")
    after = artifacts(tree)
    check("corrupt, truncated and old-format artifacts are recompiled, not trusted",
          counts(r) == (3, good - 3, 1) and rewritten(before, after) == ["m1", "m2", "m3"]
          and re.search(r"m1\.py -> \S+ \(corrupt artifact \(checksum mismatch\);", r.stderr)
          and re.search(r"m2\.py -> \S+ \(built by an older pyaot", r.stderr)
          and re.search(r"m3\.py -> \S+ \(truncated", r.stderr), r.stderr)

    before = after
    r = comp("--force")
    check("--force recompiles all", counts(r) == (good, 0, 1)
          and len(rewritten(before, artifacts(tree))) == good, r.stderr)

    # Another compiler build: the same pyaot-compile with one more byte.
    alt = os.path.join(work, "altlib")
    os.makedirs(alt)
    for f in ("pyaot-compile", "stubs.bc"):
        shutil.copy2(os.path.join(a.build, f), alt)
    with open(os.path.join(alt, "pyaot-compile"), "ab") as f:
        f.write(b"\0")
    before = artifacts(tree)
    r = comp("-v", exe=os.path.join(alt, "pyaot-compile"))
    check("a different compiler build recompiles all", counts(r) == (good, 0, 1)
          and len(rewritten(before, artifacts(tree))) == good
          and r.stderr.count("(compiled by another pyaot build or with a profile;") == good, r.stderr)
    r = comp()
    check("... and so does going back", counts(r) == (good, 0, 1), r.stderr)

    before = artifacts(tree)
    subprocess.run([a.python, "-c", "import py_compile, sys; py_compile.compile(sys.argv[1], "
                    "sys.argv[2])", os.path.join(tree, "m2.py"), sourceless], check=True)
    bump_mtime(sourceless)
    r = comp()
    check("a replaced sourceless .pyc is recompiled", counts(r) == (1, good - 1, 1)
          and rewritten(before, artifacts(tree)) == ["s"], r.stderr)

    # --cache-dir: artifacts outside the tree, nothing written into it.
    ctree = os.path.join(work, "ctree")
    os.makedirs(ctree)
    for name in ("m1.py", "m2.py"):
        shutil.copy(os.path.join(tree, name), ctree)
    cache = os.path.join(work, "cache")
    r = run([a.pyaot, "compile", "--cache-dir", cache, ctree], env=env)
    check("--cache-dir writes artifacts to the cache and nothing into the tree",
          counts(r) == (2, 0, 0) and len(artifacts(cache)) == 2
          and sorted(os.listdir(ctree)) == ["m1.py", "m2.py"], r.stderr + str(os.listdir(ctree)))
    before = artifacts(cache)
    r = run([a.pyaot, "compile", "--cache-dir", cache, ctree], env=env)
    check("--cache-dir: second compile compiles nothing", counts(r) == (0, 2, 0)
          and artifacts(cache) == before, r.stderr)
    bump_mtime(os.path.join(ctree, "m2.py"))
    r = run([a.pyaot, "compile", "--cache-dir", cache, ctree], env=env)
    check("--cache-dir: touching a source recompiles it", counts(r) == (1, 1, 0)
          and rewritten(before, artifacts(cache)) == ["m2"], r.stderr)


HOT_PY = """\
import subprocess, sys

class Point:
    def __init__(self, x):
        self.x = x

def hot(n):
    p = Point(3)
    t = 0
    for i in range(n):
        t = t + p.x
    return t

def add(a, b):
    return a + b

def main():
    kind = sys.argv[1]
    print(hot(int(sys.argv[2])))
    vals = (1, 2) if kind == "int" else (1.5, 2.5)
    print(sum(add(*vals) for _ in range(200)))
    if "child" in sys.argv:
        child = "def in_child(n):\\n    s = 0\\n    for i in range(n):\\n        s = s + i\\n" \\
                "    return s\\nprint(in_child(100000))\\n"
        subprocess.run([sys.executable, "-c", child], check=True)
    sys.exit(5)

main()
"""


def load_profile(path):
    with open(path) as f:
        return json.load(f)


def entry(prof, file, qualname):
    found = [c for c in prof["codes"] if c["file"] == file and c["qualname"] == qualname]
    return found[0] if len(found) == 1 else None


def op_at(c, unit):
    return int(c["ops"][2 * unit:2 * unit + 2], 16)


def units_of(code, opname, argrepr=None):
    """Code units of the instructions named `opname` (with `argrepr`)."""
    return [i.offset // 2 for i in dis.get_instructions(code)
            if i.opname == opname and (argrepr is None or i.argrepr == argrepr)]


def codes_of(path):
    with open(path) as f:
        top = compile(f.read(), path, "exec")
    out, todo = {}, [top]
    while todo:
        co = todo.pop()
        out[co.co_qualname] = co
        todo += [c for c in co.co_consts if hasattr(c, "co_code")]
    return out


def runtime_ext(build):
    """The build's _pyaot, for the code hash the profile must carry."""
    path = [os.path.join(build, "runtime", f) for f in os.listdir(os.path.join(build, "runtime"))
            if f.startswith("_pyaot.") and f.endswith(".so")][0]
    loader = importlib.machinery.ExtensionFileLoader("_pyaot", path)
    spec = importlib.util.spec_from_file_location("_pyaot", path, loader=loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def profiles(a, work, env):
    """A real training run of a program with a hot loop; what it records,
    from the program's children too; merges; compile --profile freshness;
    bad profiles refused before anything is written."""
    tree = os.path.join(work, "prof")
    tmp = os.path.join(work, "prof-tmp")  # TMPDIR: the run's own files must all go
    os.makedirs(tree)
    os.makedirs(tmp)
    hot_py = os.path.join(tree, "hot.py")
    with open(hot_py, "w") as f:
        f.write(HOT_PY)
    penv = dict(env, TMPDIR=tmp)
    opmap = dis._all_opmap

    r = run([a.pyaot, "--help"])
    check("help lists profile", "profile -o FILE" in r.stdout and "profile merge" in r.stdout,
          r.stdout)
    r = run([a.pyaot, "profile", "--help"])
    check("profile --help", r.returncode == 0 and "--interval" in r.stdout
          and "merge -o OUT" in r.stdout and "SIGTERM" in r.stdout, r.stdout + r.stderr)
    r = run([a.pyaot, "profile", "hot.py"], cwd=tree)
    check("profile without -o is a usage error", r.returncode == 2 and "-o FILE" in r.stderr,
          r.stderr)
    r = run([a.pyaot, "profile", "-o", "x.prof", "--interval", "0", "hot.py"], cwd=tree)
    check("profile with a bad --interval is a usage error", r.returncode == 2, r.stderr)
    r = run([a.pyaot, "profile", "-o", "x.prof", "-I", "hot.py"], cwd=tree)
    check("profile refuses -I", r.returncode == 2 and "-I would keep" in r.stderr, r.stderr)
    r = run([a.pyaot, "profile", "-o", "x.prof", "--", "no-such-command-here"], cwd=tree)
    check("profile of a missing command", r.returncode == 127 and "cannot run" in r.stderr
          and not os.path.exists(os.path.join(tree, "x.prof")), r.stderr)

    stock = run([a.python, "hot.py", "int", "2000000", "child"], cwd=tree, env=env)
    int_prof = os.path.join(tree, "int.prof")
    r = run([a.pyaot, "profile", "-o", int_prof, "--", a.python, "hot.py", "int", "2000000",
             "child"], cwd=tree, env=penv)
    check("profiled program: same output and exit status as stock",
          stock.returncode == 5 and r.returncode == 5 and r.stdout == stock.stdout,
          "%d %d\n%s\n%s" % (stock.returncode, r.returncode, stock.stdout, r.stdout))
    m = re.search(r"^pyaot profile: \S*int\.prof: (\d+) process\(es\), (\d+) code objects "
                  r"\((\d+) sampled\), (\d+) specialized instructions$", r.stderr, re.M)
    check("profile prints a one-line summary", m is not None and int(m.group(1)) == 2
          and int(m.group(4)) > 0 and r.stderr.count("\n") == 1, r.stderr)
    prof = load_profile(int_prof)
    check("profile header", prof.get("format") == "pyaot-profile" and prof.get("version") == 1
          and prof.get("python") == subprocess.check_output(
              [a.python, "-c", "import sys; print(sys.version, end='')"], text=True)
          and prof.get("magic") == importlib.util.MAGIC_NUMBER.hex()
          and prof.get("processes") == 2, str({k: v for k, v in prof.items() if k != "codes"}))
    codes = codes_of(hot_py)
    rt = runtime_ext(a.build)
    hot = entry(prof, "hot.py", "hot")
    ok = hot is not None
    if ok:
        add_unit = units_of(codes["hot"], "BINARY_OP", "+")
        attr_unit = units_of(codes["hot"], "LOAD_ATTR", "x")
        ok = (hot["hash"] == "%016x" % rt.code_hash(codes["hot"])
              and hot["firstlineno"] == 7 and hot["nunits"] == len(codes["hot"].co_code) // 2
              and len(add_unit) == 1 and op_at(hot, add_unit[0]) == opmap["BINARY_OP_ADD_INT"]
              and len(attr_unit) == 1
              and op_at(hot, attr_unit[0]) == opmap["LOAD_ATTR_INSTANCE_VALUE"])
    check("the hot loop's entry: BINARY_OP_ADD_INT and LOAD_ATTR_INSTANCE_VALUE at their units",
          ok, json.dumps(hot))
    if hot is not None:
        caches = [u for u, b in enumerate(codes["hot"].co_code[0::2]) if b == 0]
        check("cache units hold 0, not the interpreter's counters",
              caches and all(op_at(hot, u) == 0 for u in caches), hot["ops"])
        check("the hot function was sampled", hot["samples"] > 0 and hot["samples"] >= max(
            c["samples"] for c in prof["codes"] if c["qualname"] in ("add", "Point.__init__")),
            json.dumps(hot))
    check("the program's child process is recorded", entry(prof, "<string>", "in_child")
          is not None and op_at(entry(prof, "<string>", "in_child"), units_of(
              compile("def in_child(n):\n    s = 0\n    for i in range(n):\n        s = s + i\n"
                      "    return s\n", "<string>", "exec").co_consts[0], "BINARY_OP")[0])
          == opmap["BINARY_OP_ADD_INT"], str([c["qualname"] for c in prof["codes"]][:50]))
    check("no recorder code in the profile", not any(
        c["file"] in ("pyaot_profile.py", "pyaot_boot.py") for c in prof["codes"]), "")
    check("the run leaves no temporary files", os.listdir(tmp) == [] and sorted(
        os.listdir(tree)) == ["hot.py", "int.prof"], str(os.listdir(tmp) + os.listdir(tree)))

    # The same site specialized for ints in one run and floats in another.
    float_prof = os.path.join(tree, "float.prof")
    r = run([a.pyaot, "profile", "-o", float_prof, "hot.py", "float", "300000"], cwd=tree,
            env=penv)
    fprof = load_profile(float_prof)
    add_ops = [entry(p, "hot.py", "add") for p in (prof, fprof)]
    add_at = units_of(codes["add"], "BINARY_OP", "+")[0]
    check("SCRIPT form: a float run specializes add() for floats", r.returncode == 5
          and fprof["processes"] == 1 and None not in add_ops
          and op_at(add_ops[0], add_at) == opmap["BINARY_OP_ADD_INT"]
          and op_at(add_ops[1], add_at) == opmap["BINARY_OP_ADD_FLOAT"], r.stderr)
    merged = os.path.join(tree, "merged.prof")
    r = run([a.pyaot, "profile", "merge", "-o", merged, int_prof, float_prof], env=env)
    mprof = load_profile(merged) if r.returncode == 0 else {"codes": []}
    madd, mhot = entry(mprof, "hot.py", "add"), entry(mprof, "hot.py", "hot")
    check("merge: ints and floats at one site give the base opcode", r.returncode == 0
          and madd is not None and op_at(madd, add_at) == opmap["BINARY_OP"]
          and "2 profile(s) merged" in r.stderr, r.stderr + json.dumps(madd))
    fhot = entry(fprof, "hot.py", "hot")
    check("merge: samples add up, agreeing sites keep their specialization",
          mhot is not None and fhot is not None and hot is not None
          and mhot["samples"] == hot["samples"] + fhot["samples"]
          and op_at(mhot, units_of(codes["hot"], "BINARY_OP", "+")[0])
          == opmap["BINARY_OP_ADD_INT"]
          and entry(mprof, "<string>", "in_child") is not None, json.dumps(mhot))

    foreign = os.path.join(tree, "foreign.prof")
    other = dict(fprof, python="3.11.9 (main, Apr  2 2024) [GCC 13.2.0]")
    with open(foreign, "w") as f:
        json.dump(other, f)
    out = os.path.join(tree, "never.prof")
    r = run([a.pyaot, "profile", "merge", "-o", out, int_prof, foreign], env=env)
    check("merge refuses another interpreter's profile", r.returncode == 2
          and "foreign.prof: recorded by another interpreter" in r.stderr
          and not os.path.exists(out), r.stderr)
    garbage = os.path.join(tree, "garbage.prof")
    with open(garbage, "wb") as f:
        f.write(b"\x7fELF\x02\x01\x01" + bytes(100))
    r = run([a.pyaot, "profile", "merge", "-o", out, int_prof, garbage], env=env)
    check("merge refuses a file that is no profile", r.returncode == 2
          and "garbage.prof: not a pyaot profile" in r.stderr and not os.path.exists(out), r.stderr)

    # -m and -c forms, and a program that dies of SIGTERM.
    r = run([a.pyaot, "profile", "-o", os.path.join(tree, "m.prof"), "-m", "hot", "int", "1000"],
            cwd=tree, env=penv)
    check("-m MODULE form", r.returncode == 5 and r.stdout.startswith("3000\n")
          and entry(load_profile(os.path.join(tree, "m.prof")), "hot.py", "add") is not None,
          r.stderr)
    term = ("import os, signal\ndef spin(n):\n    t = 0\n    for i in range(n):\n"
            "        t = t + i\n    return t\nspin(100000)\nos.kill(os.getpid(), signal.SIGTERM)\n")
    r = run([a.pyaot, "profile", "-o", os.path.join(tree, "c.prof"), "-c", term], cwd=tree,
            env=penv)
    cprof = load_profile(os.path.join(tree, "c.prof"))
    check("-c form; a process ended by SIGTERM is recorded and the run dies of it too",
          r.returncode == -signal.SIGTERM and cprof["processes"] == 1
          and entry(cprof, "<string>", "spin") is not None, "%d %s" % (r.returncode, r.stderr))

    # Ctrl-C (the whole process group): the program ends as it would, its
    # profile is written whole, and nothing is left behind.
    ctrl = os.path.join(tree, "ctrlc.prof")
    p = subprocess.Popen([a.pyaot, "profile", "-o", ctrl, "-c",
                          "import time\nprint('ready', flush=True)\nwhile True:\n"
                          "    time.sleep(0.01)\n"], cwd=tree, env=penv,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    p.stdout.readline()  # the recorder starts before the program does
    time.sleep(0.2)
    os.killpg(p.pid, signal.SIGINT)
    _, err = p.communicate(timeout=60)
    err = err.decode(errors="replace")
    check("Ctrl-C: the program stops as under stock, the profile is complete",
          p.returncode == -signal.SIGINT and "KeyboardInterrupt" in err
          and load_profile(ctrl)["processes"] == 1 and os.listdir(tmp) == []
          and not [f for f in os.listdir(tree) if f.endswith(".tmp")],
          "%d %s %s" % (p.returncode, err, os.listdir(tmp)))

    # compile --profile: freshness follows the profile's content.
    r = run([a.pyaot, "compile", "--profile", int_prof, hot_py], env=env)
    check("compile --profile", counts(r) == (1, 0, 0), r.stderr)
    r = run([a.pyaot, "compile", "--profile", int_prof, hot_py], env=env)
    check("compile --profile again: up to date", counts(r) == (0, 1, 0), r.stderr)
    r = run([a.pyaot, "compile", "-v", "--profile", merged, hot_py], env=env)
    check("another profile recompiles", counts(r) == (1, 0, 0)
          and "with another profile;" in r.stderr, r.stderr)
    r = run([a.pyaot, "compile", "-v", hot_py], env=env)
    check("no profile after a profile recompiles", counts(r) == (1, 0, 0)
          and "or with a profile;" in r.stderr, r.stderr)
    r = run([a.pyaot, "compile", "-v", "--profile", merged, hot_py], env=env)
    check("a profile after none recompiles", counts(r) == (1, 0, 0)
          and "(compiled without a profile;" in r.stderr, r.stderr)
    mine = run([a.pyaot, "run", "hot.py", "int", "1000"], cwd=tree, env=env)
    check("code compiled with a profile runs", mine.returncode == 5
          and mine.stdout == "3000\n600\n" and "warning" not in mine.stderr, mine.stderr)

    # Code a profile lacks (the training run never reached it) is compiled
    # as without a profile: with its stub calls out of line it ran more
    # instructions than stock.
    cold = os.path.join(work, "prof-cold")
    os.makedirs(cold)
    with open(os.path.join(cold, "cold.py"), "w") as f:
        f.write("class P:\n    def __init__(self, x):\n        self.x = x\n"
                "def walk(ps, d):\n    t = 0\n    for p in ps:\n"
                "        t += d.get(p.x, 0) + len(ps)\n    return t\n"
                "print(walk([P(i) for i in range(50)], {3: 4}))\n")
    so = os.path.join(cold, "__pycache__", "cold.cpython-311.pyaot.so")
    sizes = []
    for extra in (["--profile", int_prof], []):
        r = run([a.pyaot, "compile", "-f"] + extra + [cold], env=env)
        sizes.append(text_size(so) if r.returncode == 0 and os.path.exists(so) else None)
    check("code a profile lacks compiles as without a profile",
          sizes[0] is not None and sizes[0] == sizes[1], "%s %s" % (sizes, r.stderr))

    fresh = os.path.join(work, "prof-fresh")
    os.makedirs(fresh)
    shutil.copy(hot_py, fresh)
    bad_cases = [("garbage.prof", garbage, "not a pyaot profile"),
                 ("foreign.prof", foreign, "recorded by another interpreter"),
                 ("missing.prof", os.path.join(tree, "missing.prof"), "cannot read")]
    for name, path, word in bad_cases:
        r = run([a.pyaot, "compile", "--profile", path, fresh], env=env)
        check("compile --profile %s: exit 2, clear message, nothing written" % name,
              r.returncode == 2 and ("--profile: %s: %s" % (path, word)) in r.stderr
              and os.listdir(fresh) == ["hot.py"], r.stderr + str(os.listdir(fresh)))


def crashes(a, work, env):
    """A compile worker that dies (as LLVM aborts on an internal error) fails
    only the file it was compiling; a new worker compiles the rest."""
    top = os.path.join(work, "crash")
    os.makedirs(top)
    for n in "abcd":
        with open(os.path.join(top, n + ".py"), "w") as f:
            f.write("def f(x):\n    return x * 2\nprint(%r, f(21))\n" % n)
    for jobs in ("1", "2"):
        shutil.rmtree(os.path.join(top, "__pycache__"), ignore_errors=True)
        r = run([a.pyaot, "compile", "-j", jobs, top],
                env=dict(env, PYAOT_TEST_COMPILE_CRASH="b.py"))
        got = sorted(os.path.basename(p).split(".")[0] + ".py" for p in artifacts(top))
        check("-j%s: a worker that dies fails its file, the others are compiled" % jobs,
              r.returncode == 1 and got == ["a.py", "c.py", "d.py"]
              and "b.py: the compiler crashed (signal 6, Aborted)" in r.stderr
              and "3 compiled, 0 up to date, 1 failed, of 4 file(s)" in r.stderr
              and not os.path.exists(os.path.join(top, "core")),
              repr(got) + r.stderr)
    r = run([a.pyaot, "run", os.path.join(top, "c.py")], env=dict(env, PYAOT_STATS="1"))
    check("a file compiled after a worker died runs natively",
          r.stdout == "c 42\n" and "native entries in %s" % os.path.join(top, "c.py") in r.stderr,
          r.stdout + r.stderr)


LEAF_PY = """\
import sys

def area(w, h):
    return w * h * 0.5

def total(n):
    t = 0.0
    for i in range(n):
        t += area(i, 3)
    return t

print(total(int(sys.argv[1])))
"""


def direct_calls(stderr):
    m = re.search(r"direct calls \(native to native, no hook\): (\d+)", stderr)
    return int(m.group(1)) if m else -1


def inlining(a, work, env):
    """Calls of a pure leaf are computed inline, with or without a
    profile, and become real calls again when the leaf's name is bound
    twice (the compiler cannot tell which function it is)."""
    top = os.path.join(work, "inline")
    os.makedirs(top)
    leaf_py = os.path.join(top, "leaf.py")
    env_s = dict(env, PYAOT_STATS="1")
    for variant, source in (("once", LEAF_PY),
                            ("twice", LEAF_PY.replace("def total", "area = area\n\ndef total"))):
        with open(leaf_py, "w") as f:
            f.write(source)
        stock = run([a.python, leaf_py, "3000"], env=env)
        prof = os.path.join(top, variant + ".prof")
        run([a.pyaot, "profile", "-o", prof, "--", a.python, leaf_py, "100"], env=env)
        for how in ("without a profile", "with a profile"):
            extra = ["--profile", prof] if how == "with a profile" else []
            r = run([a.pyaot, "compile", "-f", "-q"] + extra + [leaf_py], env=env)
            mine = run([a.pyaot, "run", leaf_py, "3000"], env=env_s)
            n = direct_calls(mine.stderr)
            ok = n <= 3 if variant == "once" else n >= 3000
            check("leaf bound %s, %s: %s" % (variant, how, "inlined" if variant == "once"
                                             else "called"),
                  r.returncode == 0 and mine.stdout == stock.stdout and ok,
                  "%d direct calls\n%s%s" % (n, r.stderr, mine.stderr))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pyaot", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    a.pyaot, a.build = os.path.abspath(a.pyaot), os.path.abspath(a.build)
    work = os.path.abspath(a.work)
    shutil.rmtree(work, ignore_errors=True)
    pkg = os.path.join(work, "app", "demo")
    os.makedirs(pkg)
    open(os.path.join(pkg, "__init__.py"), "w").close()
    with open(os.path.join(pkg, "__main__.py"), "w") as f:
        f.write("def sq(n):\n    return sum(i * i for i in range(n)) + len([i for i in range(n)])\n"
                "print([sq(k) for k in range(50)][-1])\n")
    env = dict(os.environ)
    for k in ("PYAOT_DISABLE", "PYAOT_STATS", "PYAOT_CACHE_PREFIX"):
        env.pop(k, None)

    r = run([a.pyaot, "--help"])
    check("help exits 0 and lists commands", r.returncode == 0 and "compile" in r.stdout
          and "install" in r.stdout, r.stdout + r.stderr)
    r = run([a.pyaot, "frobnicate"])
    check("unknown command exits 2", r.returncode == 2 and "unknown command" in r.stderr, r.stderr)
    r = run([a.pyaot, "compile", "--help"])
    check("compile --help", r.returncode == 0 and "--cache-dir" in r.stdout, r.stdout)
    r = run([a.pyaot, "compile", "-O9", pkg])
    check("bad -O is a usage error", r.returncode == 2, r.stderr)

    r = run([a.pyaot, "compile", "-q", os.path.join(work, "app")])
    check("compile package", r.returncode == 0, r.stderr)
    app = os.path.join(work, "app")
    stock = run([a.python, "-m", "demo"], cwd=app, env=env)
    mine = run([a.pyaot, "run", "--stats", "-m", "demo"], cwd=app, env=env)
    main_py = os.path.join(pkg, "__main__.py")
    check("run -m matches stock and runs natively",
          mine.stdout == stock.stdout and mine.returncode == 0
          and "native entries in %s" % main_py in mine.stderr, mine.stderr)

    site = os.path.join(work, "site")
    r = run([a.pyaot, "install", "--site", site])
    check("install writes the .pth", r.returncode == 0 and
          os.path.exists(os.path.join(site, "pyaot.pth")), r.stderr)
    check("install writes the autoload's .pyc", os.path.exists(
        os.path.join(site, "__pycache__", "pyaot_autoload.cpython-311.pyc")), str(os.listdir(site)))
    # Where PYTHONDONTWRITEBYTECODE is set nothing else writes it, and
    # compiling the source costs milliseconds on every start.
    r = run([a.python, "-c", compiles_at_start(site)], env=dict(env, PYTHONDONTWRITEBYTECODE="1"))
    check("the autoload starts from .pyc files under PYTHONDONTWRITEBYTECODE",
          r.stdout == "[] True\n", r.stdout + r.stderr)
    code = "import site; site.addsitedir(%r); import runpy; runpy.run_module('demo', run_name='__main__')" % site
    env_s = dict(env, PYAOT_STATS="1")
    r = run([a.python, "-c", code], cwd=app, env=env_s)
    check("autoload runs natively", r.stdout == stock.stdout
          and "native entries in %s" % main_py in r.stderr, r.stderr)
    r = run([a.python, "-c", code], cwd=app, env=dict(env_s, PYAOT_DISABLE="1"))
    check("PYAOT_DISABLE turns the autoload off", r.stdout == stock.stdout
          and "pyaot" not in r.stderr, r.stderr)
    # A .pth processed before pyaot.pth replaces len: native code must call
    # the replacement, not run the real builtin directly.
    with open(os.path.join(app, "lenmod.py"), "w") as f:
        f.write("def f(x):\n    return len(x)\nprint(f([1, 2, 3]), f('ab'))\n")
    r = run([a.pyaot, "compile", "-q", os.path.join(app, "lenmod.py")])
    with open(os.path.join(site, "a_patch.pth"), "w") as f:
        f.write("import builtins; builtins.len = (lambda real: lambda o: 42 if o == 'ab' "
                "else real(o))(builtins.len)\n")
    len_code = "import site; site.addsitedir(%r); import lenmod" % site
    want = run([a.python, "-c", len_code], cwd=app, env=dict(env_s, PYAOT_DISABLE="1"))
    r = run([a.python, "-c", len_code], cwd=app, env=env_s)
    check("len replaced before the runtime came up is called, not inlined",
          want.stdout == "3 42\n" and r.stdout == want.stdout
          and "native entries in %s" % os.path.join(app, "lenmod.py") in r.stderr,
          repr((want.stdout, r.stdout, r.stderr)))
    os.remove(os.path.join(site, "a_patch.pth"))
    # A module imported before the runtime came up (by an earlier .pth) is
    # adopted: its artifact sits beside its .pyc, no cache prefix.
    with open(os.path.join(app, "earlymod.py"), "w") as f:
        f.write("def f(n):\n    return sum(i * i for i in range(n))\n")
    r = run([a.pyaot, "compile", "-q", os.path.join(app, "earlymod.py")])
    with open(os.path.join(site, "a_early.pth"), "w") as f:
        f.write("import earlymod\n")
    early = "import site; site.addsitedir(%r); import earlymod; print(earlymod.f(50))" % site
    r = run([a.python, "-c", early], cwd=app, env=env_s)
    check("a module imported before the runtime came up is adopted",
          r.stdout == "40425\n" and "native entries in %s" % os.path.join(app, "earlymod.py") in r.stderr, r.stderr)
    os.remove(os.path.join(site, "a_early.pth"))
    r = run([a.pyaot, "uninstall", "--site", site])
    check("uninstall removes it", r.returncode == 0 and not os.listdir(site), str(os.listdir(site)))

    prefix = os.path.join(work, "prefix")
    r = run(["cmake", "--install", a.build, "--prefix", prefix])
    installed = os.path.join(prefix, "bin", "pyaot")
    check("cmake --install", r.returncode == 0 and os.path.exists(installed), r.stderr)
    shutil.rmtree(os.path.join(pkg, "__pycache__"))
    r = run([installed, "compile", "-q", pkg])
    r2 = run([installed, "run", "--stats", "-m", "demo"], cwd=app, env=env)
    check("installed pyaot compiles and runs natively", r.returncode == 0 and
          r2.stdout == stock.stdout and "native entries in %s" % main_py in r2.stderr,
          r.stderr + r2.stderr)

    # A reinstall leaves the sitecustomize newer than its .pyc; under
    # PYTHONDONTWRITEBYTECODE only pyaot itself rewrites that .pyc.
    isite = os.path.join(prefix, "lib", "pyaot", "runtime", "site", "sitecustomize.py")
    ipyc = os.path.join(os.path.dirname(isite), "__pycache__", "sitecustomize.cpython-311.pyc")
    had = os.path.exists(ipyc)
    if had:  # the source changed after its .pyc was written
        make_stale(ipyc, isite)
    r = run([installed, "run", "-c", "pass"], cwd=app, env=dict(env, PYTHONDONTWRITEBYTECODE="1"))
    check("a stale sitecustomize .pyc is rewritten, also under PYTHONDONTWRITEBYTECODE",
          had and r.returncode == 0 and os.stat(ipyc).st_mtime >= os.stat(isite).st_mtime,
          r.stderr)

    # The same for an installed pyaot's autoload: a stale pyaot_boot .pyc
    # (pyaot reinstalled) is rewritten on the first start.
    site2 = os.path.join(work, "site2")
    r = run([installed, "install", "--site", site2])
    iboot = os.path.join(prefix, "lib", "pyaot", "runtime", "pyaot_boot.py")
    bpyc = os.path.join(os.path.dirname(iboot), "__pycache__", "pyaot_boot.cpython-311.pyc")
    had = r.returncode == 0 and os.path.exists(bpyc)
    if had:
        make_stale(bpyc, iboot)
    nowrite = dict(env, PYTHONDONTWRITEBYTECODE="1")
    first = run([a.python, "-c", compiles_at_start(site2)], env=nowrite)
    second = run([a.python, "-c", compiles_at_start(site2)], env=nowrite)
    check("an installed autoload rewrites a stale pyaot_boot .pyc, also under "
          "PYTHONDONTWRITEBYTECODE", had and first.stdout == "['pyaot_boot.py'] True\n"
          and second.stdout == "[] True\n"
          and os.stat(bpyc).st_mtime >= os.stat(iboot).st_mtime,
          r.stderr + first.stdout + first.stderr + second.stdout + second.stderr)
    r = run([installed, "uninstall", "--site", site2])
    check("uninstall removes the installed autoload", r.returncode == 0 and not os.listdir(site2),
          str(os.listdir(site2)))

    iprof = os.path.join(work, "installed.prof")
    r = run([installed, "profile", "-o", iprof, "-m", "demo"], cwd=app, env=env)
    check("installed pyaot records a profile", r.returncode == 0 and r.stdout == stock.stdout
          and any(c["qualname"] == "sq" for c in load_profile(iprof)["codes"]), r.stderr)

    crashes(a, work, env)
    inlining(a, work, env)
    incremental(a, work, env)
    profiles(a, work, env)

    print("%d passed, %d failed" % (results.count(True), results.count(False)))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
