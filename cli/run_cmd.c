/* pyaot run / install / uninstall: activate the runtime in python3.11. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

static const char *run_help =
    "usage: pyaot run [--stats] [--stats-file PATH] [PYTHON-OPTIONS] SCRIPT [ARGS...]\n"
    "       pyaot run [--stats] [--stats-file PATH] [PYTHON-OPTIONS] -m MODULE [ARGS...]\n"
    "       pyaot run [--stats] [--stats-file PATH] [PYTHON-OPTIONS] -c COMMAND [ARGS...]\n"
    "\n"
    "Run the target interpreter (" PYAOT_DEFAULT_PYTHON ", or $PYAOT_PYTHON) with the\n"
    "pyaot runtime active: modules with matching artifacts run natively, all\n"
    "others as bytecode. The runtime is switched on through the environment\n"
    "(PYTHONPATH names a sitecustomize that loads it), so every Python process the\n"
    "program starts with sys.executable runs with it too: subprocesses,\n"
    "multiprocessing workers (fork, spawn, forkserver), -m and -c children. Children\n"
    "started with -I, -E or -S, or with an environment that drops PYTHONPATH, run\n"
    "without it.\n"
    "\n"
    "  --stats             PYAOT_STATS=1: each process prints its statistics at exit\n"
    "  --stats-file PATH   PYAOT_STATS_FILE=PATH (made absolute): each process\n"
    "                      appends one JSON line of statistics to PATH at exit\n"
    "PYTHON-OPTIONS are passed on to the interpreter, except -I, -E and -S, which\n"
    "would keep the runtime out.\n";

static const char *install_help =
    "usage: pyaot install [--site DIR]\n"
    "       pyaot uninstall [--site DIR]\n"
    "\n"
    "Write (or remove) DIR/pyaot.pth and DIR/pyaot_autoload.py so that every start\n"
    "of that interpreter loads the pyaot runtime; PYAOT_DISABLE=1 still turns it\n"
    "off. DIR defaults to the target interpreter's purelib site-packages.\n";

/* The first of the interpreter options before the program that would keep
   the runtime out (-I, -E, -S, alone or in a cluster like -sE), or 0. */
static char blocking_option(int argc, char **argv, int i)
{
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != 0; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--"))
            return 0;
        if (!strcmp(a, "--check-hash-based-pycs")) {
            i++;
            continue;
        }
        if (a[1] == '-')
            continue;
        for (const char *c = a + 1; *c; c++) {
            if (*c == 'I' || *c == 'E' || *c == 'S')
                return *c;
            if (*c == 'c' || *c == 'm')
                return 0; /* the rest is the program */
            if (*c == 'W' || *c == 'X') {
                if (c[1] == 0)
                    i++; /* its value is the next argument */
                break;
            }
        }
    }
    return 0;
}

int pyaot_cmd_run(int argc, char **argv)
{
    int i = 1;
    if (i < argc && (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))) {
        fputs(run_help, stdout);
        return 0;
    }
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "--stats")) {
            setenv("PYAOT_STATS", "1", 1);
        }
        else if (!strcmp(argv[i], "--stats-file") && i + 1 < argc && argv[i + 1][0]) {
            /* Absolute: children may run in another directory. */
            const char *f = argv[++i];
            char cwd[PATH_MAX], abs[2 * PATH_MAX + 2];
            if (f[0] != '/' && getcwd(cwd, sizeof cwd) != NULL)
                snprintf(abs, sizeof abs, "%s/%s", cwd, f);
            else
                snprintf(abs, sizeof abs, "%s", f);
            setenv("PYAOT_STATS_FILE", abs, 1);
        }
        else if (!strcmp(argv[i], "--stats-file")) {
            fprintf(stderr, "pyaot run: --stats-file needs a PATH\n\n%s", run_help);
            return 2;
        }
        else {
            break;
        }
    }
    if (i >= argc) {
        fputs(run_help, stderr);
        return 2;
    }
    char bad = blocking_option(argc, argv, i);
    if (bad) {
        fprintf(stderr,
                "pyaot run: -%c would keep the runtime out (it is switched on through PYTHONPATH\n"
                "and site); run without -%c\n", bad, bad);
        return 2;
    }
    char site[PATH_MAX + 32];
    snprintf(site, sizeof site, "%s/runtime/site", pyaot_libdir());
    const char *old = getenv("PYTHONPATH");
    char *pp = malloc(strlen(site) + (old ? strlen(old) : 0) + 2);
    if (pp == NULL)
        return 2;
    if (old && *old)
        sprintf(pp, "%s:%s", site, old);
    else
        sprintf(pp, "%s", site);
    setenv("PYTHONPATH", pp, 1);
    free(pp);

    const char *python = pyaot_target_python();
    char **args = calloc((size_t)(argc - i + 2), sizeof(char *));
    if (args == NULL)
        return 2;
    args[0] = (char *)python;
    for (int k = i; k < argc; k++)
        args[k - i + 1] = argv[k];
    execv(python, args);
    fprintf(stderr, "pyaot: cannot run %s: %s\n", python, strerror(errno));
    return 127;
}

static int purelib(char *out, size_t cap)
{
    char cmd[PATH_MAX + 128];
    snprintf(cmd, sizeof cmd,
             "'%s' -c 'import sysconfig,sys; sys.stdout.write(sysconfig.get_paths()[\"purelib\"])'",
             pyaot_target_python());
    FILE *p = popen(cmd, "r");
    size_t n = p ? fread(out, 1, cap - 1, p) : 0;
    out[n] = 0;
    return (p && pclose(p) == 0 && n > 0) ? 0 : -1;
}

static const char *autoload_src =
    "\"\"\"Written by `pyaot install`: loads the pyaot runtime at start-up.\n"
    "Remove with `pyaot uninstall`; PYAOT_DISABLE=1 skips it.\"\"\"\n"
    "import os\n"
    "if not os.environ.get('PYAOT_DISABLE'):\n"
    "    try:\n"
    "        import _frozen_importlib as _b, _frozen_importlib_external as _x\n"
    "        import sys as _sys\n"
    "        _s = _x.spec_from_file_location('pyaot_boot', %s)\n"
    "        _m = _b.module_from_spec(_s)\n"
    "        # a stale .pyc of pyaot's own is rewritten even under\n"
    "        # PYTHONDONTWRITEBYTECODE: compiling costs every start-up more\n"
    "        _w = _sys.dont_write_bytecode\n"
    "        _sys.dont_write_bytecode = False\n"
    "        try:\n"
    "            _s.loader.exec_module(_m)\n"
    "        finally:\n"
    "            _sys.dont_write_bytecode = _w\n"
    "        _sys.modules['pyaot_boot'] = _m\n"
    "        _m.activate()\n"
    "    except Exception as _e:\n"
    "        import sys as _sys\n"
    "        _sys.stderr.write('pyaot: warning: autoload failed: %%r\\n' %% (_e,))\n";

/* The .pyc files of the autoload (hash-checked: a reinstall within the
   same second cannot leave a stale one valid) and of the runtime's
   pyaot_boot (timestamped, as `pyaot run` writes it), written by the target
   interpreter now: where PYTHONDONTWRITEBYTECODE is set, as in many
   container images, nothing would write them later, and compiling them
   from source costs every start some milliseconds. 0 when the autoload's
   .pyc was written; pyaot_boot's is best effort (its directory may be
   read-only). */
static int compile_pycs(const char *autoload, const char *boot)
{
    static const char *code =
        "import py_compile as p, sys\n"
        "m = p.PycInvalidationMode\n"
        "try:\n"
        "    p.compile(sys.argv[1], doraise=True, invalidation_mode=m.CHECKED_HASH)\n"
        "except Exception as e:\n"
        "    sys.exit('pyaot: %s' % e)\n"
        "try:\n"
        "    p.compile(sys.argv[2], doraise=True, invalidation_mode=m.TIMESTAMP)\n"
        "except Exception:\n"
        "    pass\n";
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        char *args[] = {(char *)pyaot_target_python(), "-c", (char *)code, (char *)autoload,
                        (char *)boot, NULL};
        execv(args[0], args);
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* DIR/__pycache__/pyaot_autoload.*.pyc, and the __pycache__ when that
   leaves it empty. */
static void remove_autoload_pyc(const char *dir)
{
    char cache[PATH_MAX + 16], pyc[PATH_MAX + 64];
    snprintf(cache, sizeof cache, "%s/__pycache__", dir);
    snprintf(pyc, sizeof pyc, "%s/pyaot_autoload.cpython-311.pyc", cache);
    if (unlink(pyc) == 0)
        rmdir(cache); /* fails, as it should, when other files are there */
}

int pyaot_cmd_install(int argc, char **argv, int install)
{
    char dir[PATH_MAX] = "";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(install_help, stdout);
            return 0;
        }
        if (!strcmp(argv[i], "--site") && i + 1 < argc) {
            snprintf(dir, sizeof dir, "%s", argv[++i]);
        }
        else {
            fprintf(stderr, "pyaot: unexpected argument '%s'\n\n%s", argv[i], install_help);
            return 2;
        }
    }
    if (!dir[0] && purelib(dir, sizeof dir) < 0) {
        fprintf(stderr, "pyaot: cannot ask %s for its site-packages; use --site DIR\n",
                pyaot_target_python());
        return 2;
    }
    char pth[PATH_MAX + 32], mod[PATH_MAX + 32];
    snprintf(pth, sizeof pth, "%s/pyaot.pth", dir);
    snprintf(mod, sizeof mod, "%s/pyaot_autoload.py", dir);
    if (!install) {
        int gone = 0;
        if (unlink(pth) == 0)
            gone++;
        if (unlink(mod) == 0)
            gone++;
        remove_autoload_pyc(dir);
        printf(gone ? "pyaot: removed the autoload from %s\n" : "pyaot: no autoload in %s\n", dir);
        return 0;
    }
    char boot[PATH_MAX], real[PATH_MAX];
    snprintf(boot, sizeof boot, "%s/runtime/pyaot_boot.py", pyaot_libdir());
    if (realpath(boot, real) == NULL) {
        fprintf(stderr, "pyaot: runtime missing: %s\n", boot);
        return 2;
    }
    struct stat sb;
    if (stat(dir, &sb) < 0 && mkdir(dir, 0755) < 0) {
        fprintf(stderr, "pyaot: cannot create %s: %s\n", dir, strerror(errno));
        return 1;
    }
    /* Both files go through a temporary name, so a half-written autoload
       can never run. */
    char quoted[PATH_MAX + 8], tmp[PATH_MAX + 40];
    snprintf(quoted, sizeof quoted, "'%s'", real);
    const char *targets[2] = {mod, pth};
    for (int k = 0; k < 2; k++) {
        snprintf(tmp, sizeof tmp, "%s.%d.tmp", targets[k], (int)getpid());
        FILE *f = fopen(tmp, "w");
        if (f == NULL) {
            fprintf(stderr, "pyaot: cannot write %s: %s\n", targets[k], strerror(errno));
            return 1;
        }
        if (k == 0)
            fprintf(f, autoload_src, quoted);
        else
            fputs("import pyaot_autoload\n", f);
        if (fclose(f) != 0 || rename(tmp, targets[k]) != 0) {
            fprintf(stderr, "pyaot: cannot write %s: %s\n", targets[k], strerror(errno));
            unlink(tmp);
            return 1;
        }
    }
    if (compile_pycs(mod, real) != 0)
        fprintf(stderr, "pyaot: warning: could not write the .pyc of %s: where\n"
                        "PYTHONDONTWRITEBYTECODE is set, every start-up compiles it\n", mod);
    printf("pyaot: installed the autoload in %s\n", dir);
    return 0;
}
