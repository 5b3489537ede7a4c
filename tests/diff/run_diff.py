"""Differential tests: every program runs under stock python3.11 and under
pyaot; stdout, stderr and the exit status must be identical byte for byte,
and pyaot's statistics must show that the program's own code ran natively.

A case with `# pyaot-train: ARGS...` in its leading comment gets a training
run first (`pyaot profile -o WORK/CASE.prof -- PYTHON CASE ARGS`) and is
compiled with `--profile` that profile; the compiler must report that the
profile covers at least one of its code objects. The comparison itself runs
the case without ARGS, as for every other case.

usage: run_diff.py --pyaot BUILD/pyaot --python /usr/bin/python3.11 \
                   --cases DIR --work DIR [-j N] [NAME_FILTER...]
"""

import argparse
import concurrent.futures
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

STATS_LINE = re.compile(rb"^pyaot: ")
TRAIN_MARK = re.compile(r"#\s*pyaot-train:(.*)$")


def train_args(path):
    """ARGS of a `# pyaot-train: ARGS...` marker in the leading comment
    (the lines before the first that is not a comment), or None."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                break
            m = TRAIN_MARK.search(line)
            if m:
                return shlex.split(m.group(1))
    return None


def train_and_compile(args, path, env, targs):
    """Training run with TARGS, then compile PATH with that profile; the
    profile must cover at least one code object of PATH. Returns problems."""
    cwd = os.path.dirname(path)
    prof = os.path.splitext(path)[0] + ".prof"
    try:
        tr = subprocess.run([args.pyaot, "profile", "-o", prof, "--", args.python, path] + targs,
                            cwd=cwd, env=env, capture_output=True, timeout=120,
                            stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return ["training run timed out after 120 s"]
    if tr.returncode != 0 or not os.path.exists(prof):
        return ["training run failed (exit %d):\n%s" % (tr.returncode,
                                                        tr.stderr.decode("utf-8", "replace")[-4000:])]
    comp = subprocess.run([args.pyaot, "compile", "-f", "-v", "--profile", prof, path],
                          cwd=cwd, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)
    out = comp.stdout + comp.stderr
    if comp.returncode != 0:
        return ["pyaot compile --profile failed (exit %d):\n%s" % (comp.returncode, out[-4000:])]
    base = re.escape(os.path.basename(path))
    m = re.search(r"^pyaot: (?:.*/)?%s: the profile covers (\d+) of (\d+) code objects$" % base,
                  out, re.M)
    if not m or int(m.group(1)) < 1:
        return ["the profile covers no code object of %s:\n%s" % (path, out[-4000:])]
    return []


def split_stats(stderr):
    """Separate pyaot's trailing statistics from the program's stderr."""
    lines = stderr.splitlines(keepends=True)
    cut = len(lines)
    while cut > 0 and STATS_LINE.match(lines[cut - 1]):
        cut -= 1
    return b"".join(lines[:cut]), b"".join(lines[cut:]).decode("utf-8", "replace")


def native_entries(stats, path):
    m = re.search(r"^pyaot: native entries in %s: (\d+)$" % re.escape(path), stats, re.M)
    return int(m.group(1)) if m else 0


def show_diff(what, a, b):
    a = a.decode("utf-8", "replace").splitlines()
    b = b.decode("utf-8", "replace").splitlines()
    out = "\n".join(difflib.unified_diff(a, b, "stock " + what, "pyaot " + what, lineterm="", n=2))
    return out[:4000]


def run_case(args, path):
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    for k in ("PYAOT_DISABLE", "PYAOT_STATS", "PYAOT_CACHE_PREFIX"):
        env.pop(k, None)
    cwd = os.path.dirname(path)
    targs = train_args(path)
    if targs is not None:
        problems = train_and_compile(args, path, env, targs)
        if problems:
            return problems, ""
    try:
        stock = subprocess.run([args.python, path], cwd=cwd, env=env, capture_output=True,
                               timeout=60, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return ["stock python3.11 timed out: the test itself is broken"], ""
    env["PYAOT_STATS"] = "1"
    try:
        aot = subprocess.run([args.pyaot, "run", path], cwd=cwd, env=env, capture_output=True,
                             timeout=60, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return ["pyaot run timed out after 60 s"], ""
    err, stats = split_stats(aot.stderr)
    problems = []
    if stock.returncode != aot.returncode:
        problems.append("exit status: stock %d, pyaot %d" % (stock.returncode, aot.returncode))
    if stock.stdout != aot.stdout:
        problems.append(show_diff("stdout", stock.stdout, aot.stdout))
    if stock.stderr != err:
        problems.append(show_diff("stderr", stock.stderr, err))
    if native_entries(stats, path) == 0:
        problems.append("no native entries recorded for %s\n%s" % (path, stats))
    return problems, stats


def timed(fn, *args):
    """(seconds, fn(*args)): the suite's time is watched against its timeout."""
    t0 = time.monotonic()
    res = fn(*args)
    return time.monotonic() - t0, res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pyaot", required=True)
    ap.add_argument("--python", default="/usr/bin/python3.11")
    ap.add_argument("--cases", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("-v", action="store_true", help="show statistics of passing cases")
    ap.add_argument("only", nargs="*")
    args = ap.parse_args()

    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(args.cases, work, ignore=shutil.ignore_patterns("__pycache__", "*.md"))
    cases = sorted(os.path.join(work, f) for f in os.listdir(work) if f.endswith(".py"))
    if args.only:
        cases = [c for c in cases if any(o in os.path.basename(c) for o in args.only)]
    if not cases:
        print("no test cases found in %s" % args.cases)
        return 1
    # cases with a `# pyaot-train:` marker are compiled by run_case, after
    # their training run
    plain = [c for c in cases if train_args(c) is None]
    if plain:
        t0 = time.monotonic()
        comp = subprocess.run([args.pyaot, "compile", "-q", "-j", str(args.j)] + plain,
                              capture_output=True, text=True)
        if comp.returncode != 0:
            print("pyaot compile failed:\n" + comp.stderr)
            return 1
        print("compiled %d cases without a training run in %.0f s"
              % (len(plain), time.monotonic() - t0), flush=True)

    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.j) as pool:
        results = pool.map(lambda c: (c, timed(run_case, args, c)), cases)
        for path, (secs, (problems, stats)) in results:
            name = os.path.basename(path)
            if problems:
                failed += 1
                print("FAIL %s  (%.1f s)" % (name, secs))
                for p in problems:
                    print("    " + p.replace("\n", "\n    "))
            else:
                passed += 1
                print("ok   %s  (%d native entries, %.1f s)"
                      % (name, native_entries(stats, path), secs), flush=True)
                if args.v:
                    print("    " + stats.replace("\n", "\n    "))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
