"""Eval-breaker tests: signals, pending calls, thread switches and
asynchronous exceptions must reach code that spins in a compiled loop, and
behave as under stock python3.11.

Every program in cases/ (not the drivers in cases/_support.py, which set the
scene) is compiled with `pyaot compile` and run twice: under
stock /usr/bin/python3.11 and under `pyaot run` with PYAOT_STATS=1. Where the
output is deterministic it must be byte-identical (same file path in both
runs, so tracebacks compare as they are); thread_switch prints measurements,
judged by the same rules for both interpreters. Under pyaot the statistics
must also show that the program's functions, loops included, ran natively,
and that no "eval-breaker" deoptimization happened: native code is to handle
the breaker itself instead of handing the frame to the interpreter. That last
assertion is reported separately, tagged [native eval breaker].

usage: run_breaker.py --pyaot BUILD/pyaot --python /usr/bin/python3.11 --work DIR
                      [NAME_FILTER...]

Prints `ok NAME` or `FAIL NAME: details` per check and ends with
`N passed, M failed`.
"""

import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "hostile"))
from run_hostile import (Failure, clean_env, expect, kill_group, parse_runner_args,  # noqa: E402
                         native_entries, split_stderr, text)

TIMEOUT = 30     # per run; a program that never sees its signal hangs until then
SETTLE = 0.3     # after "ready", time for the program to get from print() into its loop
ATTEMPTS = 3     # an interrupt that lands before the loop is the runner's race: retry
BREAKER_TAG = "[native eval breaker]"

ARGS = None


class BreakerDeopt(Failure):
    """Everything behaved, but the frame went back to the interpreter."""


# ---------------------------------------------------------------- running

def case_path(name):
    return os.path.join(ARGS.work, name + ".py")


def execute(name, aot, drive=None):
    """Run case `name` under pyaot (aot=True) or stock python3.11. `drive`, if
    given, talks to the running process and returns the stdout it consumed."""
    path = case_path(name)
    if aot:
        cmd, env = [ARGS.pyaot, "run", path], clean_env(PYAOT_STATS="1")
    else:
        cmd, env = [ARGS.python, path], clean_env()
    who = "pyaot" if aot else "stock python3.11"
    proc = subprocess.Popen(cmd, cwd=ARGS.work, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    head = b""
    try:
        if drive is not None:
            head = drive(proc, who)
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        raise Failure("%s: %s hung; killed after %d s" % (name, who, TIMEOUT))
    except BaseException:
        kill_group(proc)
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, head + out, err)


def interrupt_when_ready(proc, who):
    """Wait for the program's "ready" line, then send it SIGINT."""
    ready, _, _ = select.select([proc.stdout], [], [], TIMEOUT)
    if not ready:
        raise subprocess.TimeoutExpired(proc.args, TIMEOUT)
    line = proc.stdout.readline()
    expect(line == b"ready\n", "%s printed %r instead of the ready line" % (who, line))
    time.sleep(SETTLE)
    proc.send_signal(signal.SIGINT)
    return line


def expect_same(stock, aot):
    own, _, _ = split_stderr(aot.stderr)
    expect(aot.returncode == stock.returncode,
           "exit status: stock %d, pyaot %d\npyaot stderr:\n%s"
           % (stock.returncode, aot.returncode, text(aot.stderr)))
    expect(aot.stdout == stock.stdout,
           "stdout differs:\n--- stock\n%s\n--- pyaot\n%s" % (text(stock.stdout), text(aot.stdout)))
    expect(own == text(stock.stderr),
           "stderr differs:\n--- stock\n%s\n--- pyaot\n%s" % (text(stock.stderr), own))


def expect_native(name, aot, min_entries):
    """The case's own functions ran natively: `min_entries` counts every
    function entry the program makes in its file, loop functions included,
    so a loop function that ran in the interpreter leaves the count short."""
    _, warnings, stats = split_stderr(aot.stderr)
    expect(not warnings, "pyaot warnings:\n" + "\n".join(warnings))
    expect(stats, "no statistics with PYAOT_STATS=1; stderr:\n" + text(aot.stderr))
    n = native_entries(stats, case_path(name))
    expect(n >= min_entries, "%d native entries in %s.py, expected at least %d:\n%s"
           % (n, name, min_entries, "\n".join(stats)))
    return stats


def expect_no_breaker_deopt(stats):
    """The new requirement: native code handles the eval breaker itself."""
    sites = [s for s in stats if re.match(r"pyaot:\s+eval.breaker\s", s)]
    if sites:
        raise BreakerDeopt("%s eval-breaker deoptimizations reported:\n%s"
                           % (BREAKER_TAG, "\n".join(sites)))


def differential(name, min_entries, drive=None, accept=None):
    """Stock and pyaot runs of `name` must agree byte for byte. `accept`
    rejects a run (returns why) that the runner's own timing spoilt; such a
    run is repeated, for each interpreter alike, up to ATTEMPTS times."""
    runs = {}
    for aot in (False, True):
        for attempt in range(ATTEMPTS):
            res = execute(name, aot, drive)
            why = accept(res) if accept else None
            if why is None:
                break
        else:
            raise Failure("%s, %d times: %s" % ("pyaot" if aot else "stock python3.11",
                                                ATTEMPTS, why))
        runs[aot] = res
    expect_same(runs[False], runs[True])
    expect_no_breaker_deopt(expect_native(name, runs[True], min_entries))


# ---------------------------------------------------------------- checks

def loop_lines(name):
    """Line numbers marked `# loop` in the case: where an interrupt must land."""
    with open(case_path(name)) as f:
        return {i for i, line in enumerate(f, 1) if line.rstrip().endswith("# loop")}


def interrupted_in_loop(name):
    """An `accept` for SIGINT cases: the innermost traceback entry in the
    case's file must be one of its loop lines; otherwise the signal came
    while print() was still returning, before the loop started."""
    want = loop_lines(name)
    frame = re.compile(r'File "%s", line (\d+)' % re.escape(case_path(name)))

    def accept(res):
        lines = [int(n) for n in frame.findall(text(res.stdout) + text(res.stderr))]
        if not lines:
            return "no traceback entry in %s.py; stderr:\n%s" % (name, text(res.stderr))
        if lines[-1] not in want:
            return "interrupted at line %d, outside the loop (lines %s)" % (
                lines[-1], sorted(want))
        return None
    return accept


def check_sigint_uncaught():
    differential("sigint_uncaught", 2, interrupt_when_ready,
                 interrupted_in_loop("sigint_uncaught"))


def check_sigint_caught():
    differential("sigint_caught", 3, interrupt_when_ready, interrupted_in_loop("sigint_caught"))


def check_signal_handler():
    # module 1, main 1, wait_alarm 3, kill_and_wait 3, spin_until_alarm 1, on_signal 6
    differential("signal_handler", 15)


def check_pending_calls():
    # module 1, main 1, spin 6, helper 6, lambdas 6, on_usr1 3, pending 3
    differential("pending_calls", 26)


def check_async_exc():
    # module 1, main 1, spin 3
    differential("async_exc", 5)


def check_resume_only():
    # tick() runs at least MIN_CALLS (1000) times, the rest a few times each
    differential("resume_only", 1000)


def judge_switching(res, who):
    """Both threads advance while the other runs, and a tiny switch interval
    gives many more turns than a large one. Bounds are loose on purpose: the
    machine may be loaded; the direction is what matters."""
    expect(res.returncode == 0, "%s: exit status %d\n%s" % (who, res.returncode, text(res.stderr)))
    data = json.loads(text(res.stdout))
    d = data["default"]
    expect(min(d["advanced"]) >= d["samples"] // 4,
           "%s: at the default interval a thread advanced in only %s of %d sample periods: %s"
           % (who, d["advanced"], d["samples"], d))
    expect(d["both_advanced"] >= 5,
           "%s: both threads advanced together in only %d of %d sample periods: %s"
           % (who, d["both_advanced"], d["samples"], d))
    tiny, large = data["tiny"]["turns_per_s"], data["large"]["turns_per_s"]
    expect(tiny > 4 * max(large, 1.0),
           "%s: switch interval %g s gave %.0f turns/s, %g s gave %.0f: expected many more "
           "with the tiny interval" % (who, data["tiny"]["interval"], tiny,
                                        data["large"]["interval"], large))
    return "%s: turns/s tiny %.0f, default %.0f, large %.1f" % (
        who, tiny, d["turns_per_s"], large)


def check_thread_switch():
    # module 1, main 1, start 3, run 1, timed 2, work 6, list comprehensions
    # 3 + 2 per sample of the default phase (20)
    stock = execute("thread_switch", False)
    try:
        judge_switching(stock, "stock python3.11")
    except Failure as exc:
        raise Failure("the stock run fails the same rules (machine too loaded?): %s" % exc)
    aot = execute("thread_switch", True)
    summary = judge_switching(aot, "pyaot")
    expect_no_breaker_deopt(expect_native("thread_switch", aot, 57))
    return summary


CHECKS = [
    check_sigint_uncaught,
    check_sigint_caught,
    check_signal_handler,
    check_pending_calls,
    check_async_exc,
    check_resume_only,
    check_thread_switch,
]


def main():
    global ARGS
    ARGS = parse_runner_args(__doc__)
    shutil.rmtree(ARGS.work, ignore_errors=True)
    shutil.copytree(os.path.join(HERE, "cases"), ARGS.work,
                    ignore=shutil.ignore_patterns("__pycache__"))
    checks = [c for c in CHECKS
              if not ARGS.only or any(o in c.__name__ for o in ARGS.only)]
    names = [c.__name__[len("check_"):] for c in checks]
    comp = subprocess.run([ARGS.pyaot, "compile", "-q"] + [case_path(n) for n in names],
                          capture_output=True, text=True, timeout=600)
    if comp.returncode != 0:
        print("pyaot compile failed (%d):\n%s" % (comp.returncode, comp.stderr))
        return 1
    passed = failed = breaker_only = 0
    for check, name in zip(checks, names):
        t0 = time.monotonic()
        try:
            note = check()
        except Failure as exc:
            failed += 1
            breaker_only += isinstance(exc, BreakerDeopt)
            print("FAIL %s: %s" % (name, str(exc).replace("\n", "\n    ")), flush=True)
            continue
        except Exception:
            failed += 1
            print("FAIL %s: test error\n%s" % (name, traceback.format_exc()), flush=True)
            continue
        passed += 1
        print("ok %s (%.1f s)%s" % (name, time.monotonic() - t0,
                                    "\n    " + note if note else ""), flush=True)
    print("%d passed, %d failed (%d of them only because of eval-breaker deoptimizations)"
          % (passed, failed, breaker_only))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
