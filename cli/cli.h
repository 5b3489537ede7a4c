/* Subcommands of the pyaot command line. */
#ifndef PYAOT_CLI_H
#define PYAOT_CLI_H

#ifndef PYAOT_DEFAULT_PYTHON
#define PYAOT_DEFAULT_PYTHON "/usr/bin/python3.11"
#endif
#ifndef PYAOT_LINKER
#define PYAOT_LINKER "ld.lld-19"
#endif

/* Finds the directory holding stubs.bc, pyaot-compile and runtime/. */
int pyaot_find_libdir(void);
const char *pyaot_libdir(void);
const char *pyaot_target_python(void);

int pyaot_cmd_compile(int argc, char **argv);
int pyaot_cmd_run(int argc, char **argv);
int pyaot_cmd_install(int argc, char **argv, int install);
int pyaot_cmd_profile(int argc, char **argv);

#endif
