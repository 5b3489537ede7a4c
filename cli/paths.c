/* Where pyaot finds its own files, and which interpreter it targets. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static char libdir[PATH_MAX + 32]; /* holds stubs.bc and runtime/ */

const char *pyaot_libdir(void)
{
    return libdir;
}

const char *pyaot_target_python(void)
{
    const char *p = getenv("PYAOT_PYTHON");
    return p && *p ? p : PYAOT_DEFAULT_PYTHON;
}

static int exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* The build tree keeps stubs.bc beside the binary; an installed pyaot
   keeps it in ../lib/pyaot. */
int pyaot_find_libdir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n < 0)
        return -1;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    *slash = 0;
    char probe[PATH_MAX + 32];
    snprintf(probe, sizeof probe, "%s/stubs.bc", exe);
    if (exists(probe)) {
        snprintf(libdir, sizeof libdir, "%s", exe);
        return 0;
    }
    snprintf(probe, sizeof probe, "%s/../lib/pyaot/stubs.bc", exe);
    if (exists(probe)) {
        snprintf(libdir, sizeof libdir, "%s/../lib/pyaot", exe);
        return 0;
    }
    return -1;
}

