"""Whole processes and frozen modules.

Every Python process a program starts with sys.executable (subprocess,
multiprocessing with fork, spawn and forkserver, ProcessPoolExecutor,
regrtest workers, children running -m and -c) must run with the runtime
active: stdout, stderr and exit status identical to stock python3.11, and
PYAOT_STATS_FILE must hold exactly one line per process, the children's
showing native entries in their own compiled module. Children started with
-I, -E or -S cannot be reached through the environment; that is checked
too, as documented. Frozen modules (os, posixpath, site, importlib...) get
native code by code hash from artifacts under PYAOT_CACHE_PREFIX.

usage: run_process.py --pyaot BUILD/pyaot --python /usr/bin/python3.11 --work DIR
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STDLIB = "/usr/lib/python3.11"
results = []


def check(name, cond, detail=""):
    results.append(bool(cond))
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + str(detail)[:3000]))


class Env:
    def __init__(self, a, work):
        self.pyaot, self.python, self.work = a.pyaot, a.python, work
        self.app = os.path.join(work, "app")
        self.base = {k: v for k, v in os.environ.items() if not k.startswith("PYAOT_")}
        self.base["PYTHONHASHSEED"] = "0"
        self.n = 0

    def run(self, argv, aot, env=None, cwd=None):
        e = dict(self.base, **(env or {}))
        cmd = [self.pyaot, "run"] + argv if aot else [self.python] + argv
        return subprocess.run(cmd, cwd=cwd or self.app, env=e, capture_output=True,
                              timeout=300, stdin=subprocess.DEVNULL)

    def differential(self, name, argv, env=None):
        """Stock and pyaot runs of argv; returns the pyaot run's stats lines."""
        self.n += 1
        side = os.path.join(self.work, "side-%d" % self.n)
        stats = os.path.join(self.work, "stats-%d.jsonl" % self.n)
        os.makedirs(side)
        argv = [a.replace("@SIDE@", side) for a in argv]
        stock = self.run(argv, False, env)
        shutil.rmtree(side)
        os.makedirs(side)
        aot = self.run(argv, True, dict(env or {}, PYAOT_STATS_FILE=stats))
        same = (stock.returncode, stock.stdout, stock.stderr) == (aot.returncode, aot.stdout,
                                                                  aot.stderr)
        check("%s: stdout, stderr, exit status identical to stock" % name,
              same and stock.returncode == 0,
              "stock %r %r %r\npyaot %r %r %r" % (stock.returncode, stock.stdout[-800:],
                                                  stock.stderr[-1500:], aot.returncode,
                                                  aot.stdout[-800:], aot.stderr[-1500:]))
        return read_stats(name, stats), side


def read_stats(name, path):
    lines = open(path, "rb").read().split(b"\n") if os.path.exists(path) else [b""]
    recs, bad = [], []
    for ln in lines[:-1]:
        try:
            r = json.loads(ln)
            assert set(r) >= {"pid", "argv0", "native", "interpreted", "deopts",
                              "deopt_reasons", "native_by_file"}
            recs.append(r)
        except Exception:
            bad.append(ln)
    check("%s: stats file is whole JSON lines, one per process" % name,
          lines[-1] == b"" and not bad and len({r["pid"] for r in recs}) == len(recs)
          and recs, "bad lines %r, pids %r" % (bad[:3], [r["pid"] for r in recs]))
    return recs


def native_in(rec, path):
    return rec["native_by_file"].get(path, 0) if rec else 0


def by_pid(recs):
    return {r["pid"]: r for r in recs}


def side_pids(side, name):
    with open(os.path.join(side, name)) as f:
        return [int(x) for x in f.read().split()]


def test_children(t):
    app = t.app
    work_py = os.path.join(app, "work.py")
    child_py = os.path.join(app, "child.py")
    recs, _ = t.differential("subprocess", ["sub_run.py"])
    parent = [r for r in recs if r["argv0"] == "sub_run.py"]
    check("subprocess: the parent ran natively", len(parent) == 1
          and native_in(parent[0], os.path.join(app, "sub_run.py")) > 0, recs)
    script = [r for r in recs if r["argv0"] == child_py]
    check("subprocess: a script child ran its own module natively",
          len(script) == 1 and native_in(script[0], child_py) > 0, recs)
    dash_m = [r for r in recs if r["argv0"] == os.path.join(app, "childmod.py")]
    check("subprocess: a -m child ran natively", len(dash_m) == 1
          and native_in(dash_m[0], os.path.join(app, "childmod.py")) > 0, recs)
    dash_c = [r for r in recs if r["argv0"] == "-c"]
    check("subprocess: a -c child ran an imported module natively", len(dash_c) == 1
          and native_in(dash_c[0], work_py) > 0, recs)
    check("subprocess: four processes, four lines", len(recs) == 4, recs)

    for method in ("fork", "spawn", "forkserver"):
        recs, side = t.differential("multiprocessing %s" % method, ["mp.py", method, "@SIDE@"])
        pids, pmap = side_pids(side, "pids"), by_pid(recs)
        check("multiprocessing %s: each worker wrote one line with native work.py" % method,
              len(pids) == 3 and all(native_in(pmap.get(p), work_py) > 0 for p in pids),
              "workers %r, lines %r" % (pids, recs))
        if method == "fork":
            check("multiprocessing fork: a child's counts start at the fork",
                  all("pre.py" not in "".join(pmap[p]["native_by_file"]) for p in pids)
                  and any(native_in(r, os.path.join(app, "pre.py")) for r in recs), recs)

    recs, side = t.differential("ProcessPoolExecutor", ["ppe.py", "@SIDE@"])
    pids, pmap = set(side_pids(side, "pids")), by_pid(recs)
    check("ProcessPoolExecutor: every worker ran work.py natively",
          len(pids) >= 1 and all(native_in(pmap.get(p), work_py) > 0 for p in pids),
          "workers %r, lines %r" % (pids, recs))

    recs, side = t.differential("os.fork + os._exit", ["forkexit.py", "@SIDE@"])
    pids, pmap = side_pids(side, "pids"), by_pid(recs)
    check("os.fork + os._exit: the child wrote its own line", len(recs) == 2 and
          native_in(pmap.get(pids[0]), work_py) > 0 and
          not native_in(pmap.get(pids[0]), os.path.join(app, "pre.py")), recs)

    recs, side = t.differential("regrtest-style worker", ["regr.py", "@SIDE@"])
    pids, pmap = side_pids(side, "pids"), by_pid(recs)
    rworker = os.path.join(app, "rworker.py")
    check("regrtest-style worker (-u -m) ran natively", len(pids) == 2 and
          all(native_in(pmap.get(p), rworker) > 0 for p in pids), recs)

    recs, side = t.differential("interpreter flags of children", ["flags.py", "@SIDE@"])
    flagchild = os.path.join(app, "flagchild.py")
    pmap = by_pid(recs)
    with open(os.path.join(side, "pids")) as f:
        runs = [ln.split() for ln in f.read().splitlines()]
    reached = {flag: native_in(pmap.get(int(pid)), flagchild) > 0 for flag, pid in runs}
    check("children with -s, -u, -X are reached; -I, -E, -S are not (documented)",
          reached == {"none": True, "-s": True, "-u": True, "-Xdev": True,
                      "-I": False, "-E": False, "-S": False}, reached)

    recs, side = t.differential("16 concurrent children", ["many.py"])
    check("16 concurrent children: 17 lines", len(recs) == 17, len(recs))


def test_real_regrtest(t):
    """The real thing: regrtest -j2 workers, with tests from --testdir."""
    tests = os.path.join(t.work, "regr")
    argv = ["-m", "test", "--testdir", tests, "-j2", "test_pyaotproc_a", "test_pyaotproc_b"]
    stock = t.run(argv, False)
    stats = os.path.join(t.work, "stats-regrtest.jsonl")
    aot = t.run(argv, True, {"PYAOT_STATS_FILE": stats})
    ok = b"Tests result: SUCCESS" in stock.stdout and b"Tests result: SUCCESS" in aot.stdout
    check("regrtest -j2 passes under pyaot as under stock",
          ok and stock.returncode == aot.returncode == 0, aot.stdout[-1500:] + aot.stderr[-1500:])
    recs = read_stats("regrtest -j2", stats)
    for name in ("test_pyaotproc_a", "test_pyaotproc_b"):
        path = os.path.join(tests, name + ".py")
        check("regrtest -j2: a worker ran %s natively" % name,
              any(native_in(r, path) > 0 and r["argv0"].endswith("regrtest.py") for r in recs),
              recs)


def test_stats_file(t):
    prog = os.path.join(t.app, "child.py")
    stats = os.path.join(t.work, "stats-both.jsonl")
    r = t.run([prog], True, {"PYAOT_STATS": "1", "PYAOT_STATS_FILE": stats})
    rec = read_stats("PYAOT_STATS with PYAOT_STATS_FILE", stats)[0]
    m = re.search(rb"native entries: (\d+), interpreted entries: (\d+)", r.stderr)
    d = re.search(rb"deoptimizations: (\d+)", r.stderr)
    check("the JSON line agrees with the PYAOT_STATS report",
          m and d and (rec["native"], rec["interpreted"], rec["deopts"]) ==
          (int(m.group(1)), int(m.group(2)), int(d.group(1))) and rec["native"] > 0
          and rec["pid"] > 0 and rec["argv0"] == prog, (rec, r.stderr))
    check("deopt_reasons add up to deopts", sum(rec["deopt_reasons"].values()) ==
          rec["deopts"], rec)
    quiet = t.run([prog], True, {"PYAOT_STATS": "0"})
    check("PYAOT_STATS=0 prints no report", quiet.returncode == r.returncode and
          b"native entries" not in quiet.stderr and b"native entries" in r.stderr, quiet.stderr)
    r = t.run([prog], True, {"PYAOT_STATS_FILE": os.path.join(t.work, "no", "such", "f")})
    stock = t.run([prog], False)
    check("an unwritable stats file warns and keeps the exit status",
          r.returncode == stock.returncode and r.stdout == stock.stdout and
          b"pyaot: warning: cannot write statistics to" in r.stderr, r.stderr)
    stats = os.path.join(t.work, "stats-odd.jsonl")
    odd = "-c"
    r = t.run([odd, "import sys; sys.argv[0] = 'q\"\\\\\\n\\udcff\u00e9'; print(1)"], True,
              {"PYAOT_STATS_FILE": stats})
    rec = read_stats("odd argv0", stats)
    check("argv0 is escaped as JSON", rec and rec[0]["argv0"] == 'q"\\\n\udcff\u00e9', rec)


def test_run_options(t):
    r = subprocess.run([t.pyaot, "run", "-sE", "child.py"], cwd=t.app, capture_output=True,
                       text=True, env=t.base)
    check("pyaot run refuses -E (it would keep the runtime out)",
          r.returncode == 2 and "-E would keep the runtime out" in r.stderr and not r.stdout,
          r.stdout + r.stderr)
    r = subprocess.run([t.pyaot, "run", "-X", "dev", "-c", "print(1)", "-I"], cwd=t.app,
                       capture_output=True, text=True, env=t.base)
    check("pyaot run: -I after -c belongs to the program", r.returncode == 0 and
          r.stdout == "1\n", r.stdout + r.stderr)
    # A relative --stats-file is made absolute: a child in another directory
    # appends to the same file.
    prog = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'pass'], cwd='/')"
    r = subprocess.run([t.pyaot, "run", "--stats-file", "rel.jsonl", "-c", prog], cwd=t.work,
                       capture_output=True, text=True, env=t.base)
    recs = read_stats("--stats-file", os.path.join(t.work, "rel.jsonl"))
    check("pyaot run --stats-file: parent and child in one file", r.returncode == 0 and
          len(recs) == 2, (r.stderr, recs))


def compile_stdlib(t):
    cache = os.path.join(t.work, "cache")
    files = ["os.py", "posixpath.py", "genericpath.py", "stat.py", "site.py",
             "importlib/_bootstrap_external.py"]
    r = subprocess.run([t.pyaot, "compile", "-q", "-j2", "--cache-dir", cache] +
                       [os.path.join(STDLIB, f) for f in files], capture_output=True, text=True)
    check("compile frozen stdlib modules into a cache dir", r.returncode == 0, r.stderr)
    return cache


def test_frozen(t, cache):
    prog = os.path.join(t.app, "paths.py")
    env = {"PYAOT_CACHE_PREFIX": cache}
    stock = t.run([prog], False, env)
    aot = t.run([prog], True, dict(env, PYAOT_STATS="1"))
    err = aot.stderr[:len(stock.stderr)]
    stats = aot.stderr[len(stock.stderr):].decode()
    check("frozen: output identical to stock", (stock.returncode, stock.stdout, stock.stderr) ==
          (aot.returncode, aot.stdout, err) and re.fullmatch(r"(pyaot: .*\n)*", stats),
          aot.stderr[-2000:])
    counts = dict((f, int(n)) for f, n in re.findall(r"native entries in (.*): (\d+)", stats))
    check("frozen: os and posixpath functions ran natively",
          counts.get("<frozen os>", 0) >= 1000 and counts.get("<frozen posixpath>", 0) >= 3000
          and counts.get("<frozen genericpath>", 0) >= 1, stats)
    check("frozen: start-up code of site and importlib ran natively",
          counts.get("<frozen importlib._bootstrap_external>", 0) > 0, stats)

    # Frozen site and _bootstrap_external differ from their source in one
    # function each (a frozenset constant frozen as a tuple): those stay
    # interpreted, the rest of the module runs natively.
    probe = ("import sys, site, os, importlib._bootstrap_external as be\n"
             "rt = sys.modules['_pyaot']\n"
             "site.abs_paths(); site.makepath('a', 'b'); os.fsencode('x')\n"
             "be.source_from_cache('/a/__pycache__/b.cpython-311.pyc'); be._path_join('a', 'b')\n"
             "print(rt.is_native(site.abs_paths.__code__), rt.is_native(site.makepath.__code__),\n"
             "      rt.is_native(be.source_from_cache.__code__), rt.is_native(be._path_join.__code__),\n"
             "      rt.is_native(os.fsencode.__code__))\n")
    r = t.run(["-c", probe], True, env)
    check("frozen: code that differs from the artifact's source is never attached",
          r.stdout == b"False True False True True\n" and r.stderr == b"", r.stdout + r.stderr)

    r = t.run(["-X", "frozen_modules=off", prog], True, dict(env, PYAOT_STATS="1"))
    check("frozen_modules=off: early-imported os/posixpath adopted from source",
          r.stdout == stock.stdout and
          re.search(rb"native entries in %s/posixpath.py: \d{4}" % STDLIB.encode(), r.stderr),
          r.stderr[-2000:])

    bad = os.path.join(t.work, "badcache")
    art = bad + STDLIB + "/__pycache__/os.cpython-311.pyaot.so"
    os.makedirs(os.path.dirname(art))
    with open(art, "wb") as f:
        f.write(b"\x7fELF" + b"\0" * 200)
    r = t.run([prog], True, {"PYAOT_CACHE_PREFIX": bad})
    check("frozen: a corrupt artifact warns once and runs bytecode",
          r.stdout == stock.stdout and r.returncode == 0 and
          r.stderr.count(b"pyaot: warning: ignoring %s" % art.encode()) == 1, r.stderr)


def test_thread_stacks(t):
    """Stock 3.11 recurses 200000 deep on a 256 KiB thread stack (no C
    recursion); pyaot's native frames use the C stack, so it must stop
    with RecursionError there, and finish the rest exactly."""
    stats = os.path.join(t.work, "stats-threads.jsonl")
    r = t.run(["thread_stacks.py"], True, dict(PYAOT_STATS_FILE=stats))
    lines = r.stdout.decode().splitlines()
    smalls = [l.split()[1] for l in lines if l.startswith("small")]
    check("thread stacks: no crash, exit status 0", r.returncode == 0, r.stderr[-2000:])
    check("thread stacks: main and big-stack threads complete",
          "main 100" in lines and "big 20000" in lines, lines)
    check("thread stacks: each small-stack thread ends with a result or RecursionError",
          len(smalls) == 3 and all(x in ("200000", "RecursionError") for x in smalls), lines)
    recs = read_stats("thread stacks", stats)
    check("thread stacks: ran natively",
          any(native_in(rec, os.path.join(t.app, "thread_stacks.py")) > 0 for rec in recs),
          recs)


def test_speculation_stats(t):
    """Direct calls are counted, and failed guards are listed per site: a
    monomorphic site has none, nor has a module attribute's while the
    module's dict keeps changing, nor int arithmetic past one digit; a
    site that sees more types than its cache has ways gives up and stays
    generic; an unboxed function fed objects deoptimizes until it switches
    to its generic body."""
    prog = os.path.join(t.app, "spec_stats.py")
    t.differential("spec_stats.py", [prog])
    stats = os.path.join(t.work, "stats-spec.jsonl")
    r = t.run([prog], True, {"PYAOT_STATS": "1", "PYAOT_STATS_FILE": stats})
    rec = read_stats("speculation stats", stats)[0]
    src = open(prog).read().splitlines()
    line = {tag: src.index(l) + 1 for l in src
            for tag in ("MONO", "POLY", "SWITCH", "CONSTS", "BUILT", "GEN", "ONCE", "MORE",
                        "MODATTR", "BIGINT")
            if "# " + tag in l}
    sites = rec.get("guard_sites", [])
    at = {(s["line"], s.get("op")): s for s in sites if s["file"] == prog}
    # fib(18) makes 8361 calls; all but the first come from compiled code.
    check("direct calls are counted", rec.get("direct", 0) >= 8360, rec)
    check("a monomorphic attribute site fails no guard",
          (line["MONO"], "LOAD_ATTR") not in at, sites)
    check("a module attribute read while the module stores its globals fails no guard "
          "(its cache is refilled from the name's entry)",
          (line["MODATTR"], "LOAD_ATTR") not in at, sites)
    check("arithmetic on exact ints past one digit is no failed guess",
          (line["BIGINT"], "BINARY_OP") not in at, sites)
    check("iterating a generator is no failed guess at FOR_ITER",
          (line["GEN"], "FOR_ITER") not in at, sites)
    poly = at.get((line["POLY"], "LOAD_ATTR"))
    check("a polymorphic attribute site fails its guards, then gives up",
          poly is not None and poly["failures"] >= 8 and poly["gave_up"] and
          poly["function"] == "poly", sites)
    m = re.search(rb"failed guards: (\d+) at (\d+) sites", r.stderr)
    check("the report agrees with the JSON line",
          m and int(m.group(1)) == rec["guard_failures"] and
          int(m.group(2)) == rec["guard_site_count"] and
          re.search(rb"LOAD_ATTR +%s:%d in poly: \d+ \(cache gave up" %
                    (prog.encode(), line["POLY"]), r.stderr) and
          re.search(rb"direct calls \(native to native, no hook\): %d" % rec["direct"], r.stderr),
          r.stderr[-3000:])
    # 32 failed guards (PYAOT_SWITCH_AFTER) deoptimize, then the generic
    # body runs the remaining calls without deoptimizing.
    check("an unboxed function fed objects deoptimizes 32 times, then switches",
          rec.get("switched") == [{"file": prog, "line": line["SWITCH"], "function": "scale"}] and
          rec.get("deopt_reasons", {}).get("guard") == 32, rec)
    check("subscripts by constants of strs, dicts and sequences that feed no arithmetic, "
          "and operations on lists, tuples, strs and sets just built, do not deoptimize "
          "(only `scale` switches, after its 32)",
          line["CONSTS"] not in [s["line"] for s in rec.get("switched", [])] and
          line["BUILT"] not in [s["line"] for s in rec.get("switched", [])] and
          rec.get("deopts") == 32, rec)
    # The differential run above compares what the program sees of the
    # statistics' own bookkeeping: references to small ints, tracemalloc.
    check("the sites whose counts pass 10 and 256 failed their guards",
          at.get((line["ONCE"], "COMPARE_OP"), {}).get("failures") == 10 and
          at.get((line["MORE"], "COMPARE_OP"), {}).get("failures") == 300, sites)
    check("the report lists the switched code object",
          re.search(rb"switched to their generic body \(guards failed 32 times\): 1\n"
                    rb"pyaot:   %s:%d scale\n" % (prog.encode(), line["SWITCH"]), r.stderr),
          r.stderr[-3000:])


def test_datastack_chunks(t):
    """A direct call that finds the data stack chunk full starts a new one
    itself, and keeps it when its first frame returns: only the first of
    50 deep descents allocates chunks, the others reuse them (stock 3.11
    unmaps and maps each of them again every time)."""
    recs, _ = t.differential("deep recursion", ["deep_recursion.py"])
    rec = recs[0] if recs else {}
    pushed, reused = rec.get("chunks", 0), rec.get("chunks_reused", 0)
    check("deep recursion: direct calls started data stack chunks", pushed >= 150, rec)
    check("deep recursion: all but the first descent's chunks were reused",
          pushed - reused <= 10 and reused >= 140, rec)
    r = t.run(["deep_recursion.py"], True, {"PYAOT_STATS": "1"})
    check("deep recursion: the report shows the chunks",
          re.search(rb"data stack chunks started by direct calls: %d \(%d reused\)" %
                    (pushed, reused), r.stderr), r.stderr[-2000:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pyaot", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    a.pyaot = os.path.abspath(a.pyaot)
    work = os.path.abspath(a.work)
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(os.path.join(HERE, "app"), os.path.join(work, "app"))
    shutil.copytree(os.path.join(HERE, "regr"), os.path.join(work, "regr"))
    t = Env(a, work)
    r = subprocess.run([t.pyaot, "compile", "-q", t.app, os.path.join(work, "regr")],
                       capture_output=True, text=True)
    check("compile the test programs", r.returncode == 0, r.stderr)
    test_children(t)
    test_real_regrtest(t)
    test_stats_file(t)
    test_run_options(t)
    test_thread_stacks(t)
    test_speculation_stats(t)
    test_datastack_chunks(t)
    test_frozen(t, compile_stdlib(t))
    print("%d passed, %d failed" % (results.count(True), results.count(False)))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
