"""Differential tests: every program runs under stock python3.11 and under
pyaot; stdout, stderr and the exit status must be identical byte for byte,
and pyaot's statistics must show that the program's own code ran natively.

usage: run_diff.py --pyaot BUILD/pyaot --python /usr/bin/python3.11 \
                   --cases DIR --work DIR [-j N] [NAME_FILTER...]
"""

import argparse
import concurrent.futures
import difflib
import os
import re
import shutil
import subprocess
import sys

STATS_LINE = re.compile(rb"^pyaot: ")


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
    comp = subprocess.run([args.pyaot, "compile", "-q", "-j", str(args.j)] + cases,
                          capture_output=True, text=True)
    if comp.returncode != 0:
        print("pyaot compile failed:\n" + comp.stderr)
        return 1

    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.j) as pool:
        results = pool.map(lambda c: (c, run_case(args, c)), cases)
        for path, (problems, stats) in results:
            name = os.path.basename(path)
            if problems:
                failed += 1
                print("FAIL %s" % name)
                for p in problems:
                    print("    " + p.replace("\n", "\n    "))
            else:
                passed += 1
                print("ok   %s  (%d native entries)" % (name, native_entries(stats, path)))
                if args.v:
                    print("    " + stats.replace("\n", "\n    "))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
