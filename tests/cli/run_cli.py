"""Command-line behaviour: help and usage errors, `pyaot run -m`, the .pth
autoload of `pyaot install` / `uninstall`, an installed (cmake --install)
pyaot working outside the build tree, and incremental `pyaot compile`: what
it skips, what it recompiles, and its end-of-run report.

usage: run_cli.py --pyaot BUILD/pyaot --python /usr/bin/python3.11 --build BUILD --work DIR
"""
import argparse
import os
import pty
import re
import shutil
import subprocess
import sys

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
    before = artifacts(tree)
    r = comp("-v")
    after = artifacts(tree)
    check("corrupt and truncated artifacts are recompiled, not trusted",
          counts(r) == (2, good - 2, 1) and rewritten(before, after) == ["m1", "m3"]
          and re.search(r"m1\.py -> \S+ \(corrupt artifact \(checksum mismatch\);", r.stderr)
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
          and r.stderr.count("(compiled by another pyaot build;") == good, r.stderr)
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
    code = "import site; site.addsitedir(%r); import runpy; runpy.run_module('demo', run_name='__main__')" % site
    env_s = dict(env, PYAOT_STATS="1")
    r = run([a.python, "-c", code], cwd=app, env=env_s)
    check("autoload runs natively", r.stdout == stock.stdout
          and "native entries in %s" % main_py in r.stderr, r.stderr)
    r = run([a.python, "-c", code], cwd=app, env=dict(env_s, PYAOT_DISABLE="1"))
    check("PYAOT_DISABLE turns the autoload off", r.stdout == stock.stdout
          and "pyaot" not in r.stderr, r.stderr)
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

    incremental(a, work, env)

    print("%d passed, %d failed" % (results.count(True), results.count(False)))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
