/* pyaot-compile: the compiler proper, started by `pyaot compile`. */
#include <stdio.h>

#include "cli.h"

int main(int argc, char **argv)
{
    if (pyaot_find_libdir() < 0) {
        fprintf(stderr, "pyaot: cannot find stubs.bc beside pyaot-compile\n");
        return 2;
    }
    return pyaot_cmd_compile(argc, argv);
}
