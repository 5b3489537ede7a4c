"""Tests of scripts/regrtest itself (ctest regrtest_compare): the comparison
of regrtest's JUnit XML and progress lines, the native share, and the whole
command end to end against a fake interpreter and a fake pyaot, so that a
regression really makes it exit 1 and a clean run exit 0."""

import io
import os
import shutil
import sys
import tempfile
import textwrap
import unittest
from contextlib import redirect_stdout

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import regrtest  # noqa: E402


def junit(cases):
    """A --junit-xml file: cases are (name or None, child tag or None)."""
    out = ['<testsuites><testsuite tests="%d">' % len(cases)]
    for name, child in cases:
        attrs = ' name="%s"' % name if name else ""
        body = '<%s message="AssertionError: boom&#10;detail" />' % child if child else ""
        out.append('<testcase%s status="run">%s</testcase>' % (attrs, body))
    out.append("</testsuite></testsuites>")
    return "".join(out)


class CompareTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_statuses_and_regressions(self):
        stock = self.write("s.xml", junit([
            ("test.test_a.T.test_fail", None), ("test.test_a.T.test_error", None),
            ("test.test_a.T.test_skip", None), ("test.test_a.T.test_gone", None),
            ("test.test_a.T.test_same", None), ("test.test_a.T.test_fixed", "failure"),
            ("test.test_a.T.test_xfail", "output"), ("test.test_a.T.test_bothskip", "skipped"),
            (None, None)]))
        pyaot = self.write("p.xml", junit([
            ("test.test_a.T.test_fail", "failure"), ("test.test_a.T.test_error", "error"),
            ("test.test_a.T.test_skip", "skipped"), ("test.test_a.T.test_same", None),
            ("test.test_a.T.test_fixed", None), ("test.test_a.T.test_xfail", "output"),
            ("test.test_a.T.test_bothskip", "skipped"), (None, None), (None, None)]))
        s, s_unnamed = regrtest.method_results([stock])
        p, p_unnamed = regrtest.method_results([pyaot])
        self.assertEqual((s_unnamed, p_unnamed), (1, 2))
        self.assertEqual(s["test.test_a.T.test_xfail"], "xfail")
        regressed, improved = regrtest.compare(s, p)
        self.assertEqual(regressed, {"test.test_a.T.test_fail": "fail",
                                     "test.test_a.T.test_error": "error",
                                     "test.test_a.T.test_skip": "skip",
                                     "test.test_a.T.test_gone": "missing"})
        self.assertEqual(improved, {"test.test_a.T.test_fixed": "fail"})
        self.assertEqual(regrtest.method_messages([pyaot])["test.test_a.T.test_fail"],
                         "AssertionError: boom")

    def test_duplicate_id_keeps_worst(self):
        path = self.write("d.xml", junit([("test.test_a.T.t", None), ("test.test_a.T.t", "error"),
                                          ("test.test_a.T.t", "skipped")]))
        self.assertEqual(regrtest.method_results([path])[0], {"test.test_a.T.t": "error"})

    def test_missing_xml(self):
        self.assertEqual(regrtest.method_results([os.path.join(self.dir, "none.xml")]), (None, 0))

    def test_module_results(self):
        log = self.write("log", textwrap.dedent("""\
            0:00:00 load avg: 1.00 Run tests in parallel using 2 child processes
            0:00:01 load avg: 1.00 [1/6] test_ok passed
            0:00:02 load avg: 1.00 [2/6] test_env failed (env changed)
            0:00:03 [3/6/1] test_bad failed (3 failures) -- running: test_slow (31.0 sec)
            0:01:03 load avg: 2.50 [4/6/2] test_slow timed out (1 min) -- running: test_x (30 sec)
            0:01:04 load avg: 2.50 [5/6/2] test_res skipped (resource denied)
            0:01:05 load avg: 2.50 [6/6/3] test_dead crashed (Exit code -9)
            some test output [7/7] test_fake passed
            """))
        self.assertEqual(regrtest.module_results([log]), {
            "test_ok": "passed", "test_env": "env changed", "test_bad": "failed",
            "test_slow": "timed out", "test_res": "resource denied", "test_dead": "crashed"})
        stock = {"test_ok": "passed", "test_env": "passed", "test_bad": "failed",
                 "test_res": "resource denied", "test_gone": "passed"}
        pyaot = {"test_ok": "crashed", "test_env": "env changed", "test_bad": "failed",
                 "test_res": "timed out"}
        self.assertEqual(regrtest.compare_modules(stock, pyaot),
                         {"test_ok": "crashed", "test_res": "timed out", "test_gone": "missing"})

    def test_native_share(self):
        path = self.write("stats.jsonl", '{"pid": 1, "native": 30, "interpreted": 10, "deopts": 2}\n'
                                         '{"pid": 2, "native": 10, "interpreted": 50, "deopts": 1}\n'
                                         '{"pid": 3, "nat\n')
        self.assertEqual(regrtest.native_share(path), (40, 60, 3, 2))
        self.assertIsNone(regrtest.native_share(os.path.join(self.dir, "none")))
        self.assertIsNone(regrtest.native_share(self.write("empty", "")))

    def test_module_of(self):
        self.assertEqual(regrtest.test_module_of("test.test_asyncio.test_tasks.T.test_x"),
                         "test_asyncio")
        self.assertEqual(regrtest.test_module_of("test.test_grammar.GrammarTests.test_del"),
                         "test_grammar")


# A stand-in for python3.11 and for pyaot: answers the driver's questions and
# plays regrtest over the tests named on its command line, each with methods
# test_x and test_y; $FAKE_MODE says what goes wrong under pyaot.
FAKE = r'''#!/usr/bin/env python3
import os, sys
args = sys.argv[1:]
mode = os.environ["FAKE_MODE"]
if os.path.basename(sys.argv[0]) == "pyaot":
    if args[0] == "compile":
        print("pyaot: 1 compiled, 0 up to date, 0 failed, of 1 file(s) in 0.1 s (-j 2)")
        sys.exit(0)
    assert args[0] == "run" and os.environ.get("PYAOT_CACHE_PREFIX")
    args = args[1:]
    side = "pyaot"
else:
    side = "stock"
if args[:1] == ["-I"]:
    print(os.environ["FAKE_STDLIB"])
    sys.exit(0)
assert side == "pyaot" or os.environ.get("PYAOT_DISABLE") == "1"
assert args[:2] == ["-m", "test"], args
assert "PYTHONUNBUFFERED" not in os.environ and "PYTHONDONTWRITEBYTECODE" not in os.environ
assert "test.test_socket.*VSOCK*" in args
with open(os.environ["FAKE_LOG"], "a") as f:
    f.write("%s %s\n" % (side, " ".join(a for a in args if a.startswith("test_"))))
xml = args[args.index("--junit-xml") + 1]
rerun = "--matchfile" in args
fail = side == "pyaot" and mode in ("regress", "flaky") and not (rerun and mode == "flaky")
cases, status = [], 0
for i, test in enumerate(a for a in args if a.startswith("test_")):
    if side == "pyaot" and mode == "interrupt" and test == "test_a":
        print("0:00:01 load avg: 1.00 [%d/9] test_a interrupted" % (i + 1))
        status = 130
        break
    child = '<failure message="AssertionError: differs" />' if fail else ""
    cases.append('<testcase name="test.%s.T.test_x" />' % test)
    cases.append('<testcase name="test.%s.T.test_y">%s</testcase>' % (test, child))
    print("0:00:01 load avg: 1.00 [%d/9] %s %s" % (i + 1, test, "failed (1 failure)" if fail else "passed"))
    status = 2 if fail else status
with open(xml, "w") as f:
    f.write("<testsuites><testsuite>%s</testsuite></testsuites>" % "".join(cases))
if side == "pyaot" and not rerun:
    with open(os.environ["PYAOT_STATS_FILE"], "a") as f:
        f.write('{"pid": 7, "native": 3, "interpreted": 1, "deopts": 0}\n')
sys.exit(status)
'''


class EndToEndTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.build = os.path.join(self.dir, "build")
        stdlib = os.path.join(self.dir, "lib")
        os.makedirs(os.path.join(stdlib, "test"))
        os.makedirs(self.build)
        open(os.path.join(stdlib, "test", "regrtest.py"), "w").close()
        for name in ("pyaot", "python"):
            path = os.path.join(self.build if name == "pyaot" else self.dir, name)
            with open(path, "w") as f:
                f.write(FAKE)
            os.chmod(path, 0o755)
        self.calls = os.path.join(self.dir, "calls")
        self.env = dict(os.environ, FAKE_STDLIB=stdlib, FAKE_LOG=self.calls, PYTHONUNBUFFERED="1",
                        PYTHONDONTWRITEBYTECODE="1")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def run_mode(self, mode, *extra, tests=("test_a",)):
        saved = dict(os.environ)
        os.environ.update(self.env, FAKE_MODE=mode)
        out = io.StringIO()
        try:
            with redirect_stdout(out):
                status = regrtest.main(["--build", self.build, "--python",
                                        os.path.join(self.dir, "python"), *extra, *tests])
        finally:
            os.environ.clear()
            os.environ.update(saved)
        return status, out.getvalue()

    def test_regression_exits_1(self):
        status, out = self.run_mode("regress")
        self.assertEqual(status, 1, out)
        self.assertIn("REGRESSION test.test_a.T.test_y: pass -> fail: AssertionError: differs", out)
        self.assertIn("MODULE REGRESSION test_a: failed under pyaot", out)
        self.assertIn("native share: 75.0% (3 native, 1 interpreted", out)
        self.assertIn("compile time:", out)
        self.assertNotIn("REGRESSION test.test_a.T.test_x", out)

    def test_clean_exits_0(self):
        status, out = self.run_mode("clean")
        self.assertEqual(status, 0, out)
        self.assertIn("RESULT: no regression", out)

    def test_flaky_is_reported_not_counted(self):
        status, out = self.run_mode("flaky")
        self.assertEqual(status, 0, out)
        self.assertIn("flaky (failed under pyaot, passed when re-run): test.test_a.T.test_y", out)
        status, out = self.run_mode("flaky", "--no-rerun")
        self.assertEqual(status, 1, out)

    def test_interrupting_test_does_not_hide_the_others(self):
        status, out = self.run_mode("interrupt", tests=("test_a", "test_b"))
        self.assertEqual(status, 1, out)
        self.assertIn("test_a interrupted regrtest; running the 1 test(s) it did not finish", out)
        self.assertIn("MODULE REGRESSION test_a: interrupted under pyaot", out)
        self.assertIn("REGRESSION test.test_a.T.test_y: pass -> missing", out)
        self.assertNotIn("test_b", out.split("== regrtest comparison")[1])
        with open(self.calls) as f:
            self.assertEqual(f.read().splitlines(), ["stock test_a test_b", "pyaot test_a test_b",
                                                     "pyaot test_b", "pyaot test_a"])


if __name__ == "__main__":
    unittest.main()
