/* pyaot profile: the training run and the merge of profiles are written in
   Python (runtime/pyaot_profile.py), run by the target interpreter, which
   is also the one whose specializations are recorded. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int pyaot_cmd_profile(int argc, char **argv)
{
    char script[PATH_MAX + 32];
    snprintf(script, sizeof script, "%s/runtime/pyaot_profile.py", pyaot_libdir());
    const char *python = pyaot_target_python();
    char **args = calloc((size_t)argc + 4, sizeof(char *));
    if (args == NULL)
        return 2;
    /* -I -S: the driver itself is neither recorded nor affected by the
       user's PYTHONPATH, site-packages or a pyaot autoload. */
    int n = 0;
    args[n++] = (char *)python;
    args[n++] = "-I";
    args[n++] = "-S";
    args[n++] = script;
    for (int k = 1; k < argc; k++)
        args[n++] = argv[k];
    execv(python, args);
    fprintf(stderr, "pyaot: cannot run %s: %s\n", python, strerror(errno));
    return 127;
}
