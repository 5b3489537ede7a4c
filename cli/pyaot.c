/* The `pyaot` command: compile, run, profile, install, uninstall. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../runtime/abi.h"
#include "cli.h"

static const char *usage_text =
    "usage: pyaot <command> [options]\n"
    "\n"
    "Ahead-of-time compiler for CPython 3.11: compiles .py/.pyc files to native\n"
    "code that the pyaot runtime runs inside the stock interpreter.\n"
    "\n"
    "commands:\n"
    "  compile [options] PATH...   compile .py/.pyc files and directories (recursive);\n"
    "                              --profile FILE speculates on a training run's profile\n"
    "  run [--stats] [--stats-file PATH] SCRIPT [ARGS...] | -m MODULE | -c CMD\n"
    "                              run Python with the pyaot runtime active, in every\n"
    "                              Python process the program starts too\n"
    "  profile -o FILE [--interval MS] [--] COMMAND [ARGS...]\n"
    "                              training run: run COMMAND in the plain interpreter\n"
    "                              and record what its specialization learnt, in every\n"
    "                              Python process, into FILE (for compile --profile)\n"
    "  profile merge -o OUT PROFILE...\n"
    "                              merge profiles\n"
    "  install [--site DIR]        autoload the runtime through DIR/pyaot.pth\n"
    "  uninstall [--site DIR]      remove that autoload again\n"
    "  version                     print versions and paths\n"
    "\n"
    "`pyaot COMMAND --help` describes a command's options.\n"
    "Environment: PYAOT_DISABLE=1 turns the runtime off, PYAOT_STATS=1 prints\n"
    "native/interpreted entries and deoptimizations at exit, PYAOT_STATS_FILE=PATH\n"
    "appends them to PATH as one JSON line per process,\n"
    "PYAOT_CACHE_PREFIX=DIR finds artifacts compiled with --cache-dir DIR,\n"
    "PYAOT_PYTHON selects the target interpreter (default " PYAOT_DEFAULT_PYTHON ").\n";


static int cmd_version(void)
{
    printf("pyaot %s (artifact format %u)\n", PYAOT_VERSION, PYAOT_FORMAT_VERSION);
    printf("built for Python %s\n", PYAOT_PY_VERSION);
    printf("target interpreter: %s\n", pyaot_target_python());
    printf("library directory: %s\n", pyaot_libdir());
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (pyaot_find_libdir() < 0) {
        fprintf(stderr, "pyaot: cannot find stubs.bc beside the pyaot binary or in ../lib/pyaot\n");
        return 2;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version"))
        return cmd_version();
    if (!strcmp(cmd, "compile")) {
        /* The compiler links LLVM and libpython; keeping it in its own
           binary keeps `pyaot run` start-up cheap. */
        char exe[PATH_MAX + 32];
        snprintf(exe, sizeof exe, "%s/pyaot-compile", pyaot_libdir());
        argv[1] = exe;
        execv(exe, argv + 1);
        fprintf(stderr, "pyaot: cannot run %s: %s\n", exe, strerror(errno));
        return 2;
    }
    if (!strcmp(cmd, "run"))
        return pyaot_cmd_run(argc - 1, argv + 1);
    if (!strcmp(cmd, "profile"))
        return pyaot_cmd_profile(argc - 1, argv + 1);
    if (!strcmp(cmd, "install"))
        return pyaot_cmd_install(argc - 1, argv + 1, 1);
    if (!strcmp(cmd, "uninstall"))
        return pyaot_cmd_install(argc - 1, argv + 1, 0);
    fprintf(stderr, "pyaot: unknown command '%s' (try pyaot --help)\n", cmd);
    return 2;
}
