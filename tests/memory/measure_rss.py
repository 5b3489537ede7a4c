"""Peak memory (RSS) of a process that imports a broad slice of the standard
library (import_many.py), under stock python3.11 and under pyaot with an
artifact for every module it imports.

Steps: a stock run lists the standard-library files the workload loads;
`pyaot compile --cache-dir` compiles those whose artifact is not up to date; one run with PYAOT_STATS=1 counts the modules
that ran with an artifact; then stock, pyaot without artifacts (the runtime
alone) and pyaot with artifacts run interleaved, --runs times each, and the
peak RSS of each child (ru_maxrss from os.wait4, this process being its
parent) is reported as median, min and max.

usage: measure_rss.py --pyaot BUILD/pyaot [--python /usr/bin/python3.11]
                      [--cache-dir DIR] [--runs N] [-O LEVEL] [-j N] [--force]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOAD = os.path.join(HERE, "import_many.py")
RUN_TIMEOUT = 300


def child_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PYAOT_") or k == "PYAOT_PYTHON"}
    env.update(extra)
    return env


def spawn(cmd, env):
    """Run cmd to completion; (exit code, stdout, stderr, peak RSS in KiB)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        killer = threading.Timer(RUN_TIMEOUT, proc.kill)
        killer.start()
        try:
            # wait4, not Popen.wait: only it returns this child's own rusage.
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return proc.returncode, out.read().decode(), err.read().decode(), usage.ru_maxrss


def checked(what, cmd, env):
    code, out, err, rss = spawn(cmd, env)
    if code != 0:
        sys.exit("measure_rss: %s failed with exit status %d:\n%s" % (what, code, err[-3000:]))
    return out, err, rss


def artifact_path(cache, py):
    """Where `pyaot compile --cache-dir cache` puts the artifact of py."""
    d, name = os.path.split(os.path.abspath(py))
    return os.path.join(cache + d, "__pycache__", name[:-3] + ".cpython-311.pyaot.so")


def pyc_path(py):
    d, name = os.path.split(py)
    return os.path.join(d, "__pycache__", name[:-3] + ".cpython-311.pyc")


def compile_files(args, files):
    """pyaot compile skips the files whose artifact is up to date."""
    print("compile: %d files with -O%s -j%d into %s ..."
          % (len(files), args.O, args.j, args.cache_dir), flush=True)
    t0 = time.monotonic()
    res = subprocess.run([args.pyaot, "compile", "-O%s" % args.O, "-j", str(args.j),
                          "--cache-dir", args.cache_dir] + (["--force"] if args.force else [])
                         + files, capture_output=True, text=True)
    print("compile: %.0f s wall; %s" % (time.monotonic() - t0, res.stderr.strip()
                                       .replace("\n", "\n  ")))
    if res.returncode != 0:
        print("compile: exit status %d; files without an artifact run as bytecode"
              % res.returncode)


def count_native_modules(args, files, stdlib):
    """(files with native entries, pyaot warning lines) from one PYAOT_STATS run."""
    _, err, _ = checked("the PYAOT_STATS run", [args.pyaot, "run", WORKLOAD],
                        child_env(PYAOT_STATS="1", PYAOT_CACHE_PREFIX=args.cache_dir))
    native = set()
    for name in re.findall(r"^pyaot: native entries in (.*): [1-9]\d*$", err, re.M):
        frozen = re.fullmatch(r"<frozen (.*)>", name)
        if frozen:  # a frozen module's code names no file: find its source
            base = os.path.join(stdlib, *frozen.group(1).split("."))
            native.update(f for f in (base + ".py", os.path.join(base, "__init__.py"))
                          if f in files)
        else:
            native.add(name)
    warnings = [line for line in err.splitlines() if line.startswith("pyaot: warning: ")]
    return native & set(files), warnings


STARTUP = ("import sys\n"
           "loaded = [getattr(m, '__file__', None) or '' for m in list(sys.modules.values())]\n"
           "import sysconfig\n"
           "print(sysconfig.get_paths()['stdlib'], *loaded, sep='\\n')")


def startup_files(args, files):
    """(the standard library's directory, the files among `files` that the
    interpreter loads before any program code, so before pyaot's runtime,
    which starts from sitecustomize)."""
    out, _, _ = checked("listing start-up modules", [args.python, "-c", STARTUP], child_env())
    stdlib, *loaded = out.split()
    return stdlib, set(loaded) & set(files)


def mib(kib):
    return kib / 1024.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pyaot", required=True, help="the pyaot launcher (BUILD/pyaot)")
    ap.add_argument("--python", default="/usr/bin/python3.11", help="stock interpreter")
    ap.add_argument("--cache-dir", default=os.path.abspath("rss-cache"),
                    help="artifact cache (default: ./rss-cache); kept between runs")
    ap.add_argument("--runs", type=int, default=5, help="runs of each configuration (default 5)")
    ap.add_argument("-O", default="1", choices=list("0123"), help="optimization level (default 1)")
    ap.add_argument("-j", type=int, default=2, help="parallel compile jobs (default 2)")
    ap.add_argument("-f", "--force", action="store_true",
                    help="compile every file, also those whose artifact is up to date")
    args = ap.parse_args()
    if args.runs < 1 or args.j < 1:
        ap.error("--runs and -j must be at least 1")
    for exe in (args.pyaot, args.python):
        if not os.access(exe, os.X_OK):
            ap.error("%s is not an executable file" % exe)
    args.pyaot = os.path.abspath(args.pyaot)
    args.cache_dir = os.path.abspath(args.cache_dir)

    out, _, _ = checked("listing the workload's files", [args.python, WORKLOAD, "--files"],
                        child_env())
    files = out.split()
    compile_files(args, files)
    have = [f for f in files if os.path.exists(artifact_path(args.cache_dir, f))]
    art_bytes = sum(os.path.getsize(artifact_path(args.cache_dir, f)) for f in have)
    pyc_bytes = sum(os.path.getsize(pyc_path(f)) for f in have if os.path.exists(pyc_path(f)))
    stdlib, early = startup_files(args, files)
    native, warnings = count_native_modules(args, files, stdlib)

    configs = [
        ("stock python3.11", [args.python, WORKLOAD], child_env()),
        ("pyaot, runtime only", [args.pyaot, "run", WORKLOAD], child_env()),
        ("pyaot with artifacts", [args.pyaot, "run", WORKLOAD],
         child_env(PYAOT_CACHE_PREFIX=args.cache_dir)),
    ]
    peaks = {name: [] for name, _, _ in configs}
    reports = {name: [] for name, _, _ in configs}
    for _ in range(args.runs):
        for name, cmd, env in configs:  # interleaved: drift hits all alike
            out, _, rss = checked(name, cmd, env)
            peaks[name].append(rss)
            reports[name].append(json.loads(out))

    def median_of(name, key):
        return statistics.median(r[key] for r in reports[name])

    print()
    stock = reports["stock python3.11"][0]
    print("workload: %d modules requested (%d failed to import), %d in sys.modules, %d stdlib files"
          % (stock["requested"], len(stock["failed"]), stock["sys_modules"], len(files)))
    print("peak RSS over %d interleaved runs each (MiB): median  [min .. max]; "
          "at exit: anonymous + file-backed" % args.runs)
    med = {}
    for name, _, _ in configs:
        med[name] = statistics.median(peaks[name])
        print("  %-22s %7.1f  [%.1f .. %.1f];  %.1f + %.1f"
              % (name, mib(med[name]), mib(min(peaks[name])), mib(max(peaks[name])),
                 mib(median_of(name, "RssAnon")), mib(median_of(name, "RssFile"))))
    base, aot = med["stock python3.11"], med["pyaot with artifacts"]
    print("pyaot with artifacts - stock: %+.1f MiB, ratio %.3f"
          % (mib(aot - base), aot / base))
    print("runtime alone - stock: %+.1f MiB" % mib(med["pyaot, runtime only"] - base))
    mapped = {k: median_of("pyaot with artifacts", k) for k in reports["pyaot with artifacts"][0]
              if k.startswith("mapped_") or k == "artifacts_mapped"}
    print("artifacts: %d of %d files, %.1f MiB on disk (their .pyc: %.1f MiB)"
          % (len(have), len(files), art_bytes / 2**20, pyc_bytes / 2**20))
    print("mapped in the pyaot run: %d artifacts, %.1f MiB mapped, %.1f MiB of it resident, "
          "%.1f MiB dirty" % (mapped["artifacts_mapped"], mib(mapped["mapped_kib"]),
                               mib(mapped["mapped_rss_kib"]), mib(mapped["mapped_dirty_kib"])))
    print("modules that ran with an artifact (PYAOT_STATS): %d of %d, among them %d of the %d "
          "loaded at start-up, before the runtime starts"
          % (len(native), len(files), len(native & early), len(early)))
    left = sorted(set(have) - native)
    if left:
        print("with an artifact but not run from it: %d, e.g. %s" % (len(left), " ".join(left[:8])))
    if warnings:
        print("%d pyaot warnings, e.g.:\n  %s" % (len(warnings), "\n  ".join(warnings[:5])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
