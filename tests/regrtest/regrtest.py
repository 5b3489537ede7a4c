"""Run CPython's own regression suite under stock python3.11 and under pyaot
and report every test method that regressed.

Both runs happen in the same invocation, with the same regrtest options and
the same cleaned environment; per-method results come from regrtest's
--junit-xml. A method regressed when it passed under stock and failed,
errored, was skipped or did not run at all under pyaot. See
tests/regrtest/README section in the top-level README.md for the commands.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SUBSET_FILE = os.path.join(HERE, "subset.txt")
IMPORTS_FILE = os.path.join(HERE, "subset-imports.txt")
RECORDER_DIR = os.path.join(HERE, "record")

# test_socket's AF_VSOCK tests hang on some VMs; ignored in both runs alike.
IGNORE_PATTERNS = ["test.test_socket.*VSOCK*"]

# Environment variables that would make the two runs differ from a plain
# interactive one, or let one run's pyaot settings leak into the other.
DROP_ENV = ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "PYAOT_DISABLE", "PYAOT_STATS",
            "PYAOT_STATS_FILE", "PYAOT_CACHE_PREFIX", "PYAOT_RECORD_DIR")

# Method statuses, worst first: a method seen twice keeps its worst status.
SEVERITY = ("error", "fail", "skip", "xfail", "pass")


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="scripts/regrtest",
        description="Run CPython's regression suite (libpython3.11-testsuite) under stock "
        "python3.11 and under pyaot, compare test method by test method, print every "
        "method that passes on stock but fails, errors, is skipped or does not run "
        "under pyaot. Exit status: 0 no regression, 1 regressions, 2 could not run.")
    p.add_argument("tests", nargs="*", metavar="TEST",
                   help="regrtest test names to run instead of the CI subset (for development); "
                   "compiles the CI subset's modules plus these tests' own files")
    p.add_argument("--full", action="store_true",
                   help="the whole suite, with the whole standard library compiled "
                   "(default: the CI subset of tests/regrtest/subset.txt)")
    p.add_argument("--build", metavar="DIR", default=None,
                   help="pyaot build directory (default: $PYAOT_BUILD_DIR or ROOT/build)")
    p.add_argument("--cache-dir", metavar="DIR", default=None,
                   help="artifact cache for the standard library (default: "
                   "BUILD/regrtest-cache/subset-O1, full-O2, ...); compiles are incremental")
    p.add_argument("--work", metavar="DIR", default=None,
                   help="logs, XML results and statistics (default: BUILD/tests/regrtest-work)")
    p.add_argument("-j", "--jobs", type=int, default=2, metavar="N",
                   help="regrtest worker processes and compile jobs (default 2)")
    p.add_argument("-O", dest="opt", choices="0123", default="1",
                   help="pyaot compile -O level (default 1, the fast bulk setting)")
    p.add_argument("--timeout", type=int, default=900, metavar="SEC",
                   help="regrtest per-test-file timeout (default 900)")
    p.add_argument("--python", default=os.environ.get("PYAOT_PYTHON", "/usr/bin/python3.11"),
                   help="the stock interpreter (default: $PYAOT_PYTHON or /usr/bin/python3.11)")
    p.add_argument("--no-rerun", action="store_true",
                   help="count a regression that passes when re-run alone as a regression too")
    p.add_argument("--record-imports", action="store_true",
                   help="instead of comparing: run the CI subset under stock with an import "
                   "recorder and rewrite tests/regrtest/subset-imports.txt")
    ns = p.parse_args(argv)
    if ns.jobs < 1:
        p.error("--jobs takes a positive number")
    if ns.full and ns.tests:
        p.error("--full runs every test; give either --full or test names")
    if ns.record_imports and (ns.full or ns.tests):
        p.error("--record-imports records the CI subset only")
    if ns.build is None:
        ns.build = os.environ.get("PYAOT_BUILD_DIR") or os.path.join(ROOT, "build")
    ns.build = os.path.abspath(ns.build)
    kind = "full" if ns.full else "subset"
    if ns.cache_dir is None:
        ns.cache_dir = os.path.join(ns.build, "regrtest-cache", "%s-O%s" % (kind, ns.opt))
    ns.cache_dir = os.path.abspath(ns.cache_dir)
    if ns.work is None:
        ns.work = os.path.join(ns.build, "tests", "regrtest-work")
    ns.work = os.path.abspath(ns.work)
    return ns


def read_list(path):
    """Non-empty lines of a list file, without # comments."""
    with open(path, encoding="utf-8") as f:
        return [line.split("#", 1)[0].strip() for line in f if line.split("#", 1)[0].strip()]


def clean_env():
    env = dict(os.environ)
    for name in DROP_ENV:
        env.pop(name, None)
    return env


def pyaot_env(ns):
    env = clean_env()
    env["PYAOT_CACHE_PREFIX"] = ns.cache_dir
    env["PYAOT_PYTHON"] = ns.python
    return env


def ignore_args():
    return [arg for pattern in IGNORE_PATTERNS for arg in ("-i", pattern)]


def default_sigint():
    # A background launcher may ignore SIGINT; tests that send it expect the default.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stream(cmd, env, cwd, log_path):
    """Run cmd, copying its output to log_path and to our stdout; return its status."""
    with open(log_path, "w", encoding="utf-8", errors="replace") as log:
        log.write("$ %s\n" % " ".join(cmd))
        log.flush()
        with subprocess.Popen(cmd, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              preexec_fn=default_sigint) as proc:
            try:
                for raw in proc.stdout:
                    line = raw.decode("utf-8", "replace")
                    log.write(line)
                    sys.stdout.write(line)
                    sys.stdout.flush()
            except KeyboardInterrupt:
                # The child got the SIGINT too (same process group): let it finish.
                proc.wait()
                raise
            return proc.wait()


# ---------------------------------------------------------------- results

def testcases(xml_paths):
    for path in xml_paths:
        if os.path.exists(path):
            yield from ET.parse(path).getroot().iter("testcase")


def method_results(xml_paths):
    """{test id: status} from regrtest --junit-xml files (None if there is
    none), and how many testcases carried no name (regrtest's XML writer
    leaves a method whose subTest failed, or that unexpectedly succeeded,
    without one)."""
    results, unnamed = {}, 0
    if not any(os.path.exists(p) for p in xml_paths):
        return None, 0
    for case in testcases(xml_paths):
        name = case.get("name")
        if name is None:
            unnamed += 1
            continue
        if case.find("error") is not None:
            status = "error"
        elif case.find("failure") is not None:
            status = "fail"
        elif case.find("skipped") is not None:
            status = "skip"
        elif case.find("output") is not None:
            status = "xfail"
        else:
            status = "pass"
        old = results.get(name)
        if old is None or SEVERITY.index(status) < SEVERITY.index(old):
            results[name] = status
    return results, unnamed


def method_messages(xml_paths):
    """{test id: first line of its failure, error or skip reason}."""
    out = {}
    for case in testcases(xml_paths):
        name = case.get("name")
        for tag in ("error", "failure"):
            e = case.find(tag)
            if name and e is not None:
                text = (e.get("message") or e.text or "").strip()
                out[name] = text.splitlines()[0][:300] if text else tag
        e = case.find("skipped")
        if name and e is not None and name not in out:
            out[name] = "skipped: " + (e.text or "").strip()
    return out


PROGRESS = re.compile(r"^\d+:\d\d:\d\d (?:load avg: [\d.]+ )?\[\s*\d+/\d+(?:/\d+)?\] (\S+) (.*?)"
                      r"(?: -- running: .*)?$")

BAD_MODULE = ("failed", "crashed", "timed out", "interrupted", "other")


def module_outcome(text):
    for prefix, outcome in (("passed", "passed"), ("failed (env changed)", "env changed"),
                            ("failed", "failed"), ("skipped (resource denied)", "resource denied"),
                            ("skipped", "skipped"), ("ran no tests", "ran no tests"),
                            ("crashed", "crashed"), ("timed out", "timed out"),
                            ("interrupted", "interrupted")):
        if text.startswith(prefix):
            return outcome
    return "other"


def module_results(log_paths):
    """{test module: outcome} from regrtest's progress lines."""
    out = {}
    for path in log_paths:
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = PROGRESS.match(line.rstrip("\n"))
                if m:
                    out[m.group(1)] = module_outcome(m.group(2))
    return out


def compare(stock, pyaot):
    """Methods that passed under stock and did not pass under pyaot:
    {id: pyaot status or "missing"}; and those that went the other way."""
    regressed, improved = {}, {}
    for name, status in stock.items():
        after = pyaot.get(name, "missing")
        if status == "pass" and after != "pass":
            regressed[name] = after
        elif status in ("fail", "error") and after == "pass":
            improved[name] = status
    return regressed, improved


def compare_modules(stock, pyaot):
    """Test modules that did not fail under stock but failed, crashed or timed
    out (or did not run at all) under pyaot."""
    out = {}
    for name, outcome in stock.items():
        after = pyaot.get(name, "missing")
        if outcome not in BAD_MODULE and (after in BAD_MODULE or after == "missing"):
            out[name] = after
    return out


def count_statuses(results):
    counts = {s: 0 for s in SEVERITY}
    for status in results.values():
        counts[status] += 1
    return counts


def native_share(stats_path):
    """Summed function entries of every process that wrote a stats line."""
    native = interpreted = deopts = procs = 0
    if not os.path.exists(stats_path):
        return None
    with open(stats_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                rec = json.loads(line)
            except ValueError:
                continue  # a process killed mid-write
            native += int(rec.get("native", 0))
            interpreted += int(rec.get("interpreted", 0))
            deopts += int(rec.get("deopts", 0))
            procs += 1
    if procs == 0 or native + interpreted == 0:
        return None
    return native, interpreted, deopts, procs


def test_module_of(test_id):
    """'test.test_x.Class.method' -> 'test_x' (the name regrtest runs)."""
    parts = test_id.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "test" else parts[0]


# ---------------------------------------------------------------- compile

COMPILE_FAILURE = re.compile(r"^  (/.*?\.pyc?): (.*)$")
COMPILE_FAILED_COUNT = re.compile(r"^pyaot: (\d+) file\(s\) could not be compiled:$")


def stock_rejects(python, path):
    """Whether the stock interpreter refuses to compile this file too
    (the suite ships deliberately broken sources)."""
    code = ("import sys\nsrc = open(sys.argv[1], 'rb').read()\n"
            "try:\n    compile(src, sys.argv[1], 'exec')\nexcept (SyntaxError, ValueError):\n"
            "    sys.exit(3)\n")
    return subprocess.run([python, "-I", "-c", code, path], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 3


def compile_stdlib(ns, pyaot, paths, log_path):
    """pyaot compile the given files and directories into the cache; returns
    (seconds, [(path, reason)] failures stock python compiles fine)."""
    cmd = [pyaot, "compile", "-j", str(ns.jobs), "-O" + ns.opt, "--cache-dir", ns.cache_dir]
    print("== compile: %s -j %d -O%s --cache-dir %s (%d path(s)) ==" %
          (pyaot, ns.jobs, ns.opt, ns.cache_dir, len(paths)), flush=True)
    os.makedirs(ns.cache_dir, exist_ok=True)
    t0 = time.monotonic()
    with open(log_path, "w", encoding="utf-8", errors="replace") as log:
        proc = subprocess.run(cmd + paths, stdout=log, stderr=subprocess.STDOUT,
                              preexec_fn=default_sigint)
    seconds = time.monotonic() - t0
    failures = []
    announced = 0
    with open(log_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = COMPILE_FAILURE.match(line.rstrip("\n"))
            if m:
                failures.append((m.group(1), m.group(2)))
                continue
            m = COMPILE_FAILED_COUNT.match(line)
            if m:
                announced = int(m.group(1))
            if not line.startswith("pyaot: /"):
                sys.stdout.write(line)
    if proc.returncode not in (0, 1):
        print("regrtest: pyaot compile exited with status %d; see %s" % (proc.returncode, log_path),
              file=sys.stderr)
        return seconds, None
    # Exit status 1 means failed files, each listed: anything else is a
    # compile problem this harness would otherwise not see.
    if (proc.returncode == 1) != bool(failures) or announced != len(failures):
        print("regrtest: pyaot compile exited with status %d and announced %d failed file(s), "
              "but %d are listed; see %s" % (proc.returncode, announced, len(failures), log_path),
              file=sys.stderr)
        return seconds, None
    unexpected = [(p, r) for p, r in failures if not (os.path.exists(p) and stock_rejects(ns.python, p))]
    print("compile time: %.1f s (%d file(s) stock python rejects as well)" %
          (seconds, len(failures) - len(unexpected)), flush=True)
    return seconds, unexpected


def test_files(stdlib, name):
    for candidate in (os.path.join(stdlib, "test", name + ".py"), os.path.join(stdlib, "test", name)):
        if os.path.exists(candidate):
            return [candidate]
    return []


# ---------------------------------------------------------------- main

def target_stdlib(python):
    try:
        proc = subprocess.run([python, "-I", "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
                              stdout=subprocess.PIPE, text=True)
    except OSError as exc:
        proc, why = None, str(exc)
    if proc is None or proc.returncode != 0:
        print("regrtest: cannot run the stock interpreter %s%s" %
              (python, ": " + why if proc is None else ""), file=sys.stderr)
        return None
    return proc.stdout.strip()


def regrtest_args(ns, tests, xml_path):
    return ["-m", "test", "-j", str(ns.jobs), "--timeout", str(ns.timeout),
            "--junit-xml", xml_path] + ignore_args() + tests


def record_imports(ns, stdlib, tests):
    rec = os.path.join(ns.work, "record")
    os.makedirs(rec, exist_ok=True)
    for f in os.listdir(rec):
        os.unlink(os.path.join(rec, f))
    env = clean_env()
    env["PYAOT_RECORD_DIR"] = rec
    env["PYTHONPATH"] = RECORDER_DIR + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    cmd = [ns.python, "-m", "test", "-j", str(ns.jobs), "--timeout", str(ns.timeout)] + ignore_args()
    stream(cmd + tests, env, ns.work, os.path.join(ns.work, "record.log"))
    files = set()
    for f in os.listdir(rec):
        with open(os.path.join(rec, f), encoding="utf-8", errors="surrogateescape") as fh:
            files.update(line.rstrip("\n") for line in fh)
    rel = sorted(os.path.relpath(f, stdlib) for f in files
                 if f.startswith(stdlib + os.sep) and os.path.isfile(f))
    with open(IMPORTS_FILE, "w", encoding="utf-8") as out:
        out.write("# Source files below the standard library that the CI subset imports\n"
                  "# (test modules included), recorded under stock python3.11 by\n"
                  "# `scripts/regrtest --record-imports`. Paths relative to the stdlib.\n")
        out.writelines(p + "\n" for p in rel)
    print("recorded %d file(s) into %s" % (len(rel), IMPORTS_FILE))
    return 0


def run(ns):
    pyaot = os.path.join(ns.build, "pyaot")
    if not os.access(pyaot, os.X_OK):
        print("regrtest: no pyaot in %s (build it, or pass --build DIR)" % ns.build, file=sys.stderr)
        return 2
    stdlib = target_stdlib(ns.python)
    if stdlib is None:
        return 2
    if not os.path.isfile(os.path.join(stdlib, "test", "regrtest.py")):
        print("regrtest: no regression suite in %s/test (install libpython3.11-testsuite)" % stdlib,
              file=sys.stderr)
        return 2
    os.makedirs(ns.work, exist_ok=True)
    if ns.full:
        tests, label = [], "full suite"
    else:
        tests = ns.tests or read_list(SUBSET_FILE)
        label = "%d test module(s)" % len(tests)
    if ns.record_imports:
        return record_imports(ns, stdlib, tests)

    t_start = time.monotonic()
    if ns.full:
        paths = [stdlib]
    else:
        listed = [os.path.join(stdlib, p) for p in read_list(IMPORTS_FILE)]
        paths = [p for p in listed if os.path.isfile(p)]
        if len(paths) < len(listed):
            print("note: %d recorded file(s) do not exist here" % (len(listed) - len(paths)))
        for t in ns.tests:
            paths += [p for p in test_files(stdlib, t) if p not in paths]
    compile_seconds, compile_failures = compile_stdlib(ns, pyaot, paths,
                                                       os.path.join(ns.work, "compile.log"))
    if compile_failures is None:
        return 2

    runs = {}
    for kind in ("stock", "pyaot"):
        d = os.path.join(ns.work, kind)
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            if f.startswith(("results", "regrtest")) or f == "stats.jsonl":
                os.unlink(os.path.join(d, f))
        if kind == "stock":
            env = clean_env()
            env["PYAOT_DISABLE"] = "1"  # in case pyaot is installed into this interpreter
            prefix = [ns.python]
        else:
            env = pyaot_env(ns)
            env["PYAOT_STATS_FILE"] = os.path.join(d, "stats.jsonl")
            prefix = [pyaot, "run"]
        print("== %s: %s (%s) ==" % (kind, " ".join(prefix + regrtest_args(ns, [], "...")), label),
              flush=True)
        runs[kind] = run_suite(ns, kind, prefix, env, tests, d)

    stock, stock_unnamed = method_results(runs["stock"]["xml"])
    after, after_unnamed = method_results(runs["pyaot"]["xml"])
    if not stock:
        print("regrtest: the stock run produced no per-method results; see %s" %
              " ".join(runs["stock"]["log"]), file=sys.stderr)
        return 2
    if after is None:
        print("regrtest: the pyaot run produced no per-method results; see %s" %
              " ".join(runs["pyaot"]["log"]), file=sys.stderr)
    after = after or {}
    regressed, improved = compare(stock, after)
    modules_regressed = compare_modules(module_results(runs["stock"]["log"]),
                                        module_results(runs["pyaot"]["log"]))

    flaky = {}
    if regressed and after and not ns.no_rerun:
        flaky = rerun(ns, pyaot, regressed, os.path.join(ns.work, "rerun"))
        for name in flaky:
            del regressed[name]
        # A module whose every regressed method passed on its own re-run.
        for mod in list(modules_regressed):
            if not any(test_module_of(n) == mod for n in regressed) and \
                    any(test_module_of(n) == mod for n in flaky):
                flaky[mod] = modules_regressed.pop(mod)

    report(ns, runs, stock, after, stock_unnamed, after_unnamed, regressed, improved,
           modules_regressed, flaky, compile_seconds, compile_failures, time.monotonic() - t_start)
    return 1 if regressed or modules_regressed or compile_failures else 0


def list_tests(ns):
    proc = subprocess.run([ns.python, "-m", "test", "--list-tests"], env=clean_env(),
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return [t for t in proc.stdout.split() if t.startswith("test")]


def run_suite(ns, kind, prefix, env, tests, d):
    """Run regrtest in d. regrtest stops the whole run when a test raises
    KeyboardInterrupt; when that happens (and it was not us who were
    interrupted), run the tests it did not finish again, in a new part, so
    that one such test does not hide the results of all the others."""
    t0 = time.monotonic()
    parts = dict(xml=[], log=[], status=0)
    remaining = tests
    while True:
        n = len(parts["xml"]) + 1
        xml_path = os.path.join(d, "results-%d.xml" % n)
        log_path = os.path.join(d, "regrtest-%d.log" % n)
        parts["status"] = max(parts["status"], stream(prefix + regrtest_args(ns, remaining, xml_path),
                                                      env, d, log_path))
        parts["xml"].append(xml_path)
        parts["log"].append(log_path)
        done = module_results([log_path])
        stopped = [t for t, outcome in done.items() if outcome == "interrupted"]
        if not stopped:
            break
        remaining = [t for t in (remaining or list_tests(ns)) if t not in done]
        if not remaining:
            break
        print("== %s: %s interrupted regrtest; running the %d test(s) it did not finish ==" %
              (kind, " ".join(stopped), len(remaining)), flush=True)
    parts["seconds"] = time.monotonic() - t0
    return parts


def rerun(ns, pyaot, regressed, d):
    """Run the regressed methods once more under pyaot, each module on its own
    in one worker, verbosely; returns {id: first status} for those that pass."""
    os.makedirs(d, exist_ok=True)
    match = os.path.join(d, "matchfile.txt")
    with open(match, "w", encoding="utf-8") as f:
        f.writelines(name + "\n" for name in sorted(regressed))
    xml_path = os.path.join(d, "results.xml")
    if os.path.exists(xml_path):
        os.unlink(xml_path)
    modules = sorted({test_module_of(n) for n in regressed})
    cmd = [pyaot, "run", "-m", "test", "-v", "-j", "1", "--timeout", str(ns.timeout),
           "--junit-xml", xml_path, "--matchfile", match] + ignore_args() + modules
    print("== re-run of %d regressed method(s) under pyaot, log in %s/regrtest.log ==" %
          (len(regressed), d), flush=True)
    with open(os.path.join(d, "regrtest.log"), "w", encoding="utf-8", errors="replace") as log:
        subprocess.run(cmd, env=pyaot_env(ns), cwd=d, stdin=subprocess.DEVNULL, stdout=log,
                       stderr=subprocess.STDOUT, preexec_fn=default_sigint)
    again, _ = method_results([xml_path])
    again = again or {}
    return {n: s for n, s in regressed.items() if again.get(n) == "pass"}


def report(ns, runs, stock, after, stock_unnamed, after_unnamed, regressed, improved,
           modules_regressed, flaky, compile_seconds, compile_failures, total_seconds):
    messages = method_messages(runs["pyaot"]["xml"])
    print()
    print("== regrtest comparison: stock %s vs pyaot (-O%s) ==" % (ns.python, ns.opt))
    for path, reason in compile_failures:
        print("COMPILE FAILURE %s: %s" % (path, reason))
    for name in sorted(modules_regressed):
        print("MODULE REGRESSION %s: %s under pyaot" % (name, modules_regressed[name]))
    for name in sorted(regressed):
        why = messages.get(name, "")
        if regressed[name] == "missing":
            why = why or "did not run (module crashed or timed out, a setUpClass failed, or a " \
                         "subTest failed: see the logs)"
        print("REGRESSION %s: pass -> %s%s" % (name, regressed[name], ": " + why if why else ""))
    for name in sorted(flaky):
        print("flaky (failed under pyaot, passed when re-run): %s (%s)" % (name, flaky[name]))
    for kind, results, unnamed in (("stock", stock, stock_unnamed), ("pyaot", after, after_unnamed)):
        c = count_statuses(results)
        print("%-5s: %6d methods: %d passed, %d failed, %d errors, %d skipped, %d expected "
              "failures, %d without a name (subTest failure or unexpected success); %.0f s, "
              "regrtest exit status %d" %
              (kind, len(results), c["pass"], c["fail"], c["error"], c["skip"], c["xfail"], unnamed,
               runs[kind]["seconds"], runs[kind]["status"]))
    print("regressions: %d method(s), %d module(s), %d compile failure(s); flaky: %d; "
          "fixed under pyaot: %d" % (len(regressed), len(modules_regressed), len(compile_failures),
                                     len(flaky), len(improved)))
    print("compile time: %.1f s" % compile_seconds)
    share = native_share(os.path.join(os.path.dirname(runs["pyaot"]["xml"][0]), "stats.jsonl"))
    if share is None:
        print("native share: unavailable")
    else:
        native, interpreted, deopts, procs = share
        print("native share: %.1f%% (%d native, %d interpreted function entries, %d deopts, "
              "%d processes)" % (100.0 * native / (native + interpreted), native, interpreted,
                                 deopts, procs))
    print("total wall time: %.0f s; logs and XML in %s" % (total_seconds, ns.work))
    print("RESULT: %s" % ("REGRESSIONS" if regressed or modules_regressed or compile_failures
                          else "no regression"))


def main(argv=None):
    ns = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return run(ns)
    except KeyboardInterrupt:
        print("\nregrtest: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
