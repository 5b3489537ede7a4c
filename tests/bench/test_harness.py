"""Unit test of benchmarks/run's reading of callgrind output: the image
that ran the most instructions is the interpreter's (pyaot's launcher
execs it, and callgrind writes one file per image), and with the cache
simulation its I1 misses come from the same file and column; the i1
table shows them with their ratio; and the order of timed runs rotates."""
import importlib.machinery
import importlib.util
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = os.path.join(HERE, "..", "..", "benchmarks", "run")


def load_harness():
    loader = importlib.machinery.SourceFileLoader("bench_run", RUN)
    spec = importlib.util.spec_from_loader("bench_run", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


H = load_harness()


def write(d, name, text):
    with open(os.path.join(d, name), "w") as f:
        f.write(text)


class Totals(unittest.TestCase):
    def test_counts_only(self):
        with tempfile.TemporaryDirectory() as d:
            write(d, "pyaot.100", "version: 1\nevents: Ir\nsummary: 5000\n")
            write(d, "pyaot.101", "version: 1\nevents: Ir\nsummary: 123456\ntotals: 123456\n")
            self.assertEqual(H.callgrind_totals(d), (123456, None))

    def test_cache_sim_takes_i1_of_the_biggest_image(self):
        head = "events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw\n"
        with tempfile.TemporaryDirectory() as d:
            write(d, "pyaot.7", head + "summary: 900 1 2 800 3 4 5 6 7\n")
            write(d, "pyaot.8", head + "summary: 70000 1 2 321 3 4 5 6 7\n")
            self.assertEqual(H.callgrind_totals(d), (70000, 321))

    def test_older_totals_line(self):
        with tempfile.TemporaryDirectory() as d:
            write(d, "stock.1", "events: Ir I1mr\ntotals: 42 9\n")
            self.assertEqual(H.callgrind_totals(d), (42, 9))


class Runner:
    def __init__(self, key, label):
        self.key, self.label, self.ratio_label = key, label, label


class I1Table(unittest.TestCase):
    def test_table_shows_misses_and_ratio(self):
        runners = [Runner("stock", "stock 3.11"), Runner("pyaot", "pyaot")]
        results = [{"name": "web",
                    "stock": {"instructions": 4e8, "i1_misses": 3.9e6, "error": None},
                    "pyaot": {"instructions": 3.7e8, "ratio": 1.081, "i1_misses": 13.0e6,
                              "i1_ratio": 0.3, "error": None}}]
        text = H.table(results, runners, {}, "i1")
        self.assertIn("M I1 misses", text)
        row = [l for l in text.splitlines() if l.startswith("| web")][0]
        self.assertEqual([c.strip() for c in row.strip("|").split("|")],
                         ["web", "3.90", "13.00", "0.30x"])
        self.assertIn("1.08x", H.table(results, runners, {}, "instructions"))


class Order(unittest.TestCase):
    """Timed rounds and start-up pairs rotate: over as many rounds as there
    are interpreters, each runs once in every place of a round."""

    def fake_spawn(self, log):
        def spawn(argv, cwd, env):
            log.append(argv[0] + ("@" + env["MARK"] if env and "MARK" in env else ""))
            return 0.1, 1000, 0, "checksum 7\n", ""
        return spawn

    def test_timed_rounds_rotate(self):
        log = []
        real, H.spawn = H.spawn, self.fake_spawn(log)
        try:
            runners = [H.Runner(k, k, lambda f, s, k=k: [k, f], None) for k in ("stock", "b")]
            runners.append(H.Runner("c", "c", lambda f, s: ["c", f], None, env={"MARK": "on"}))
            args = type("Args", (), {"runs": 3})()
            results, bad = H.timed(args, runners, "/nowhere", [{"name": "x", "file": "x.py",
                                                                "checksum": "7"}])
        finally:
            H.spawn = real
        self.assertEqual(bad, [])
        # (a runner's own variables reach its runs only)
        self.assertEqual(log, ["stock", "b", "c@on", "b", "c@on", "stock", "c@on", "stock", "b"])
        self.assertEqual([len(results[0][k]["times"]) for k in ("stock", "b", "c")], [3, 3, 3])

    def test_startup_rounds_rotate(self):
        """Stock, autoloaded (stock's binary with the autoload's variables)
        and `pyaot run`."""
        log = []
        real, H.spawn = H.spawn, self.fake_spawn(log)
        try:
            s = H.measure_startup("pyaot", {"MARK": "auto"}, {}, 3)
        finally:
            H.spawn = real
        auto = H.PYTHON + "@auto"
        self.assertEqual(log, [H.PYTHON, auto, "pyaot", auto, "pyaot", H.PYTHON,
                               "pyaot", H.PYTHON, auto])
        self.assertEqual(sorted(s), ["pyaot_ms", "pyaot_run_ms", "runs", "stock_ms"])


if __name__ == "__main__":
    sys.exit(unittest.main())
