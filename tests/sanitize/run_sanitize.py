"""The compiler and the runtime under AddressSanitizer and UBSan.

Builds a second tree with -DPYAOT_SANITIZE=ON (BUILD/sanitize), then runs,
with that build, the C unit tests, the hostile-input, breaker and process
tests and differential cases (compiled with the sanitized compiler and
run with the sanitized runtime loaded into stock /usr/bin/python3.11).
ctest runs the speculative tier's cases (SPECULATIVE_FROM on: direct
calls, caches, unboxed values, data stack chunks, where native code
handles memory itself) and a few earlier ones; --all-cases runs all of
them (about 25 minutes on a slow 2-core machine, too long beside the
rest of CI). The
runtime is a module of an uninstrumented interpreter, so every Python
process gets the sanitizer libraries preloaded. The sanitizers write
their reports to files (log_path), not to stderr, which the differential
suite compares byte for byte with stock python3.11 (a huge allocation
that is a MemoryError in both still makes ASan warn, with the process id
in the line); an error report ends its process with a failure status,
and any report file that holds an error fails this test.

Before that, a control: a deliberate heap overflow in a process started
the same way must be reported, so that a preload that silently did
nothing cannot pass.

usage: run_sanitize.py --source ROOT --build BUILD --python /usr/bin/python3.11 [--all-cases]
"""

import argparse
import os
import shutil
import subprocess
import sys
import time


def sanitizer_env(logs, cc="gcc"):
    """The environment every process of the sanitized runs gets; reports
    go to files under `logs`."""
    libs = []
    for name in ("libasan.so", "libubsan.so"):
        path = subprocess.run([cc, "-print-file-name=" + name], capture_output=True,
                              text=True, check=True).stdout.strip()
        if not os.path.isabs(path) or not os.path.exists(path):
            sys.exit("run_sanitize: %s has no %s (install gcc's sanitizer libraries)" % (cc, name))
        libs.append(path)
    env = dict(os.environ)
    env["LD_PRELOAD"] = " ".join(libs)
    # The interpreter keeps its memory until exit by design: no leak report.
    # A huge allocation returns NULL (a MemoryError, as without ASan) instead
    # of ending the process.
    env["ASAN_OPTIONS"] = ("detect_leaks=0:allocator_may_return_null=1:log_path=" +
                           os.path.join(logs, "asan"))
    env["UBSAN_OPTIONS"] = ("print_stacktrace=1:halt_on_error=1:log_path=" +
                            os.path.join(logs, "ubsan"))
    return env


ERRORS = ("ERROR: AddressSanitizer", "runtime error:", "ERROR: LeakSanitizer")


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def error_reports(logs):
    """{file: text} of the report files under `logs` that hold an error
    (not only ASan's warnings about allocations it refused)."""
    found = {}
    for name in sorted(os.listdir(logs)):
        with open(os.path.join(logs, name), errors="replace") as f:
            text = f.read()
        if any(e in text for e in ERRORS):
            found[name] = text
    return found


def step(title, cmd, **kw):
    print("== %s" % title, flush=True)
    t0 = time.monotonic()
    r = subprocess.run(cmd, **kw)
    print("== %s: exit %d, %.0f s" % (title, r.returncode, time.monotonic() - t0), flush=True)
    return r.returncode == 0


def build(source, san):
    return (step("configure %s" % san,
                 ["cmake", "-S", source, "-B", san, "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
                  "-DPYAOT_SANITIZE=ON"], stdout=subprocess.DEVNULL) and
            step("build", ["cmake", "--build", san, "-j", str(os.cpu_count() or 1)]))


def instrumented(path):
    """Whether the binary at `path` calls into both sanitizer runtimes."""
    syms = subprocess.run(["nm", "-D", "--undefined-only", path], capture_output=True,
                          text=True).stdout
    return "__asan_" in syms and "__ubsan_" in syms


CONTROL = r"""
import ctypes
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
p = libc.malloc(8)
ctypes.string_at(p, 16)  # reads 8 bytes past the allocation
print("not detected")
"""


def control(python, logs):
    """A heap overflow in a preloaded interpreter is reported (to a file
    under `logs`) and fails."""
    print("== control: a heap overflow must be reported", flush=True)
    r = subprocess.run([python, "-c", CONTROL], env=sanitizer_env(logs), capture_output=True,
                       text=True)
    reports = error_reports(logs)
    ok = (r.returncode != 0 and "not detected" not in r.stdout and
          any("heap-buffer-overflow" in t for t in reports.values()))
    print("== control: %s (exit %d)" % ("reported" if ok else "NOT REPORTED", r.returncode),
          flush=True)
    if not ok:
        print(r.stdout[-2000:], r.stderr[-2000:])
    return ok


# The first case of the speculative tier, and earlier cases that stress
# native frames: generators, deep and raised recursion limits, tracing,
# exception groups, asyncio.
SPECULATIVE_FROM = 119
EARLIER = ("048_", "049_", "052_", "064_", "099_", "100_", "111_", "114_")


def case_names(cases_dir, everything):
    names = sorted(f for f in os.listdir(cases_dir) if f.endswith(".py"))
    if everything:
        return names
    return [f for f in names if int(f[:3]) >= SPECULATIVE_FROM or f.startswith(EARLIER)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--python", default="/usr/bin/python3.11")
    ap.add_argument("--all-cases", action="store_true",
                    help="every differential case, not only the speculative tier's")
    args = ap.parse_args()
    source = os.path.abspath(args.source)
    san = os.path.join(os.path.abspath(args.build), "sanitize")
    tests = os.path.join(source, "tests")
    if not build(source, san):
        return 1
    for exe in ("pyaot-compile", "runtime/_pyaot" + sysconfig_suffix(args.python)):
        if not instrumented(os.path.join(san, exe)):
            print("run_sanitize: %s is not instrumented with ASan and UBSan" % exe)
            return 1
    logs = fresh_dir(os.path.join(san, "reports"))
    env = sanitizer_env(logs)
    results = [control(args.python, fresh_dir(os.path.join(san, "control-reports")))]
    results.append(step("unit tests", ["ctest", "--output-on-failure", "-R", "^unit_"], cwd=san))
    pyaot = os.path.join(san, "pyaot")
    common = ["--pyaot", pyaot, "--python", args.python]
    for suite in ("hostile", "breaker", "process"):
        results.append(step("%s tests" % suite,
                            [args.python, os.path.join(tests, suite, "run_%s.py" % suite)] +
                            common + ["--work", os.path.join(san, suite + "-work")], env=env))
    cases = os.path.join(tests, "diff", "cases")
    names = case_names(cases, args.all_cases)
    results.append(step("differential suite (%d cases)" % len(names),
                        [args.python, os.path.join(tests, "diff", "run_diff.py")] + common +
                        ["--cases", cases, "--work", os.path.join(san, "diff-work")] + names,
                        env=env))
    reports = error_reports(logs)
    for name, text in reports.items():
        print("== sanitizer report %s:\n%s" % (name, text[:4000]))
    results.append(not reports)
    failed = results.count(False)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


def sysconfig_suffix(python):
    return subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))"],
                          capture_output=True, text=True, check=True).stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
