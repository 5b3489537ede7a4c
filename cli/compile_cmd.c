/* pyaot compile: collect the files, compile them in parallel worker
   processes, show progress, report failures with their reasons. */
#include <Python.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../compiler/compiler.h"
#include "cli.h"

typedef struct filelist {
    char **v;
    int n, cap;
} filelist;

static const char *compile_help =
    "usage: pyaot compile [options] PATH...\n"
    "\n"
    "Compile every .py (through its .pyc, refreshed first when stale) and every\n"
    "sourceless .pyc below each PATH into one native artifact per module:\n"
    "__pycache__/NAME.cpython-311.pyaot.so beside the .pyc, or under --cache-dir.\n"
    "Files that cannot be compiled are reported with the reason and skipped;\n"
    "the exit status is then 1.\n"
    "\n"
    "options:\n"
    "  -O0 .. -O3          optimization level of the generated code (default -O2)\n"
    "  -j N, --jobs N      compile N files at a time (default: number of CPUs)\n"
    "  --cache-dir DIR     write artifacts under DIR (mirroring absolute paths), for\n"
    "                      read-only trees; run with PYAOT_CACHE_PREFIX=DIR\n"
    "  -v, --verbose       print each file and code objects left to the interpreter\n"
    "  -q, --quiet         print only errors\n"
    "  -h, --help          show this help\n";

static void add(filelist *l, const char *path)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = realloc(l->v, sizeof(char *) * (size_t)l->cap);
        if (l->v == NULL) {
            perror("pyaot");
            exit(2);
        }
    }
    l->v[l->n++] = strdup(path);
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && !strcmp(s + n - m, suf);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directories already walked, by device and inode: symlink loops and
   links to a directory seen before are visited once. */
typedef struct seen_dirs {
    dev_t *dev;
    ino_t *ino;
    int n, cap;
} seen_dirs;

static seen_dirs seen;

static int first_visit(const char *dir)
{
    struct stat sb;
    if (stat(dir, &sb) < 0)
        return 1;
    for (int i = 0; i < seen.n; i++)
        if (seen.dev[i] == sb.st_dev && seen.ino[i] == sb.st_ino)
            return 0;
    if (seen.n == seen.cap) {
        seen.cap = seen.cap ? 2 * seen.cap : 64;
        seen.dev = realloc(seen.dev, sizeof(dev_t) * (size_t)seen.cap);
        seen.ino = realloc(seen.ino, sizeof(ino_t) * (size_t)seen.cap);
        if (seen.dev == NULL || seen.ino == NULL) {
            perror("pyaot");
            exit(2);
        }
    }
    seen.dev[seen.n] = sb.st_dev;
    seen.ino[seen.n++] = sb.st_ino;
    return 1;
}

static int walk(const char *dir, filelist *out)
{
    if (!first_visit(dir))
        return 0;
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "pyaot: %s: cannot read directory: %s\n", dir, strerror(errno));
        return -1;
    }
    filelist here = {0};
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (ent->d_name[0] == '.' || !strcmp(ent->d_name, "__pycache__"))
            continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
        add(&here, path);
    }
    closedir(d);
    qsort(here.v, (size_t)here.n, sizeof(char *), cmp_str);
    int rc = 0;
    for (int i = 0; i < here.n; i++) {
        struct stat sb;
        const char *p = here.v[i];
        if (stat(p, &sb) < 0)
            continue;
        if (S_ISDIR(sb.st_mode)) {
            if (walk(p, out) < 0)
                rc = -1;
        }
        else if (has_suffix(p, ".py")) {
            add(out, p);
        }
        else if (has_suffix(p, ".pyc")) {
            /* A .pyc beside its .py is a legacy cache: the .py stands for it. */
            char src[PATH_MAX];
            snprintf(src, sizeof src, "%.*s", (int)strlen(p) - 1, p);
            if (stat(src, &sb) < 0)
                add(out, p);
        }
        free(here.v[i]);
    }
    free(here.v);
    return rc;
}

/* The interpreter the artifacts are for must be the one pyaot embeds. */
static int check_target(const char *python)
{
    char cmd[PATH_MAX + 128];
    snprintf(cmd, sizeof cmd, "'%s' -I -S -c 'import sys; sys.stdout.write(sys.version)' 2>/dev/null",
             python);
    FILE *p = popen(cmd, "r");
    char buf[512] = "";
    size_t n = p ? fread(buf, 1, sizeof buf - 1, p) : 0;
    buf[n] = 0;
    int st = p ? pclose(p) : -1;
    if (st != 0 || n == 0) {
        fprintf(stderr, "pyaot: cannot run the target interpreter %s (set PYAOT_PYTHON)\n", python);
        return -1;
    }
    if (strcmp(buf, Py_GetVersion()) != 0) {
        fprintf(stderr,
                "pyaot: target interpreter %s is\n  %s\nbut this pyaot was built for\n  %s\n"
                "Artifacts only run on the exact build they were compiled for.\n",
                python, buf, Py_GetVersion());
        return -1;
    }
    return 0;
}

static double now(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

typedef struct result {
    int ok;
    pyaot_module_stats st;
    char msg[900];
} result;

static void compile_one(const char *path, const pyaot_options *o, result *r)
{
    pyaot_error e = {{0}};
    memset(r, 0, sizeof *r);
    r->ok = pyaot_compile_file(path, o, &r->st, &e) == 0;
    if (!r->ok)
        snprintf(r->msg, sizeof r->msg, "%s", e.msg[0] ? e.msg : "unknown error");
}

typedef struct msg_t {
    int index;
    result r;
} msg_t;

typedef struct progress {
    int tty, total, done, ok, failed;
    long art, pyc, ncode, nnative;
} progress;

static void account(progress *pg, const msg_t *m, char **names)
{
    const result *r = &m->r;
    pg->done++;
    if (r->ok) {
        pg->ok++;
        pg->art += r->st.artifact_bytes;
        pg->pyc += r->st.pyc_bytes;
        pg->ncode += r->st.ncode;
        pg->nnative += r->st.nnative;
    }
    else {
        pg->failed++;
        if (pg->tty)
            fprintf(stderr, "\r\033[K");
        fprintf(stderr, "pyaot: %s: %s\n", names[m->index], r->msg);
    }
    if (pg->tty)
        fprintf(stderr, "\r\033[K[%d/%d] %s", pg->done, pg->total, names[m->index]);
}

/* Worker processes of this compile (none in a worker itself). */
static pid_t workers[256];
static int nworkers;

/* Interrupted: pass the signal on to the workers, let every child (workers,
   or a worker's linker) end first so none writes after the clean-up, remove
   our temporary files, then die of the same signal. */
static void on_signal(int sig)
{
    int saved = errno;
    for (int i = 0; i < nworkers; i++)
        kill(workers[i], sig);
    while (wait(NULL) > 0 || errno == EINTR)
        ;
    pyaot_emit_abort();
    errno = saved;
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Workers take the next file from a shared counter and send results back
   through a pipe; one result is below PIPE_BUF, so writes never interleave. */
static int run_workers(filelist *files, const pyaot_options *o, int jobs, progress *pg)
{
    int *next = mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int fds[2];
    if (next == MAP_FAILED || pipe(fds) < 0) {
        perror("pyaot");
        return -1;
    }
    *next = 0;
    fflush(NULL);
    for (int w = 0; w < jobs; w++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("pyaot: fork");
            return -1;
        }
        if (pid > 0) {
            workers[nworkers++] = pid;
            continue;
        }
        nworkers = 0;
        close(fds[0]);
        for (;;) {
            int i = __atomic_fetch_add(next, 1, __ATOMIC_SEQ_CST);
            if (i >= files->n)
                break;
            msg_t m = {.index = i};
            compile_one(files->v[i], o, &m.r);
            if (write(fds[1], &m, sizeof m) != (ssize_t)sizeof m)
                _exit(3);
        }
        _exit(0);
    }
    close(fds[1]);
    msg_t m;
    while (read(fds[0], &m, sizeof m) == (ssize_t)sizeof m)
        account(pg, &m, files->v);
    close(fds[0]);
    int status, crashed = 0;
    while (wait(&status) > 0)
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            crashed++;
    if (crashed || pg->done < files->n) {
        fprintf(stderr, "\npyaot: %d worker(s) died; %d file(s) not compiled\n", crashed,
                files->n - pg->done);
        pg->failed += files->n - pg->done;
    }
    munmap(next, sizeof(int));
    return 0;
}


int pyaot_cmd_compile(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"jobs", required_argument, NULL, 'j'}, {"verbose", no_argument, NULL, 'v'},
        {"quiet", no_argument, NULL, 'q'},      {"cache-dir", required_argument, NULL, 'C'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0},
    };
    pyaot_options o = {.opt_level = 2, .linker = PYAOT_LINKER};
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    int quiet = 0, c;
    char stubs[PATH_MAX], cache[PATH_MAX];
    optind = 1;
    while ((c = getopt_long(argc, argv, "O:j:vqh", longopts, NULL)) != -1) {
        switch (c) {
        case 'O':
            if (optarg[0] < '0' || optarg[0] > '3' || optarg[1]) {
                fprintf(stderr, "pyaot compile: -O takes 0, 1, 2 or 3\n");
                return 2;
            }
            o.opt_level = optarg[0] - '0';
            break;
        case 'j':
            jobs = strtol(optarg, NULL, 10);
            if (jobs < 1 || jobs > 256) {
                fprintf(stderr, "pyaot compile: -j takes a number from 1 to 256\n");
                return 2;
            }
            break;
        case 'v': o.verbose = 1; break;
        case 'q': quiet = 1; break;
        case 'C':
            if (realpath(optarg, cache) == NULL && (mkdir(optarg, 0777) < 0 || realpath(optarg, cache) == NULL)) {
                fprintf(stderr, "pyaot compile: --cache-dir %s: %s\n", optarg, strerror(errno));
                return 2;
            }
            o.cache_dir = cache;
            break;
        case 'h': fputs(compile_help, stdout); return 0;
        default: fputs(compile_help, stderr); return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "pyaot compile: no files or directories given\n\n%s", compile_help);
        return 2;
    }
    if (getenv("PYAOT_LD"))
        o.linker = getenv("PYAOT_LD");
    snprintf(stubs, sizeof stubs, "%s/stubs.bc", pyaot_libdir());
    o.stubs_bc = stubs;

    filelist files = {0};
    int failed = 0;
    for (int i = optind; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) < 0) {
            fprintf(stderr, "pyaot: %s: %s\n", argv[i], strerror(errno));
            failed++;
        }
        else if (S_ISDIR(sb.st_mode)) {
            if (walk(argv[i], &files) < 0)
                failed++;
        }
        else {
            add(&files, argv[i]);
        }
    }
    if (pyaot_python_init() < 0 || check_target(pyaot_target_python()) < 0)
        return 2;
    pyaot_llvm_init();
    if (jobs > files.n)
        jobs = files.n > 0 ? files.n : 1;

    double t0 = now();
    progress pg = {.tty = isatty(2) && !o.verbose && !quiet, .total = files.n};
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);

    if (jobs == 1) {
        for (int i = 0; i < files.n; i++) {
            msg_t m = {.index = i};
            compile_one(files.v[i], &o, &m.r);
            account(&pg, &m, files.v);
        }
    }
    else if (run_workers(&files, &o, (int)jobs, &pg) < 0) {
        return 2;
    }
    failed += pg.failed;
    if (pg.tty)
        fprintf(stderr, "\r\033[K");
    if (!quiet)
        fprintf(stderr,
                "pyaot: compiled %d of %d module(s) in %.2fs: %ld/%ld code objects native, "
                "artifacts %ld KiB (.pyc %ld KiB)%s\n",
                pg.ok, files.n, now() - t0, pg.nnative, pg.ncode, (pg.art + 1023) / 1024,
                (pg.pyc + 1023) / 1024,
                failed ? "; some files failed" : "");
    return failed ? 1 : 0;
}
