"""Command-line behaviour: help and usage errors, `pyaot run -m`, the .pth
autoload of `pyaot install` / `uninstall`, and an installed (cmake --install)
pyaot working outside the build tree.

usage: run_cli.py --pyaot BUILD/pyaot --python /usr/bin/python3.11 --build BUILD --work DIR
"""
import argparse
import os
import shutil
import subprocess
import sys

results = []


def check(name, cond, detail=""):
    results.append(cond)
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + detail))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)


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

    print("%d passed, %d failed" % (results.count(True), results.count(False)))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
