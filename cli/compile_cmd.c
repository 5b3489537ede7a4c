/* pyaot compile: collect the files, compile them in parallel worker
   processes, show progress, report failures with their reasons. */
#include <Python.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <llvm-c/Core.h>

#include "../compiler/compiler.h"
#include "../runtime/abi.h"
#include "../runtime/codehash.h"
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
    "A module whose artifact is up to date is skipped: the artifact verifies and\n"
    "was made by this pyaot build, for this interpreter, at this -O level, with the\n"
    "same --profile content, from the same source and .pyc (modification time and\n"
    "size).\n"
    "At the end it reports the files compiled, up to date and failed, the time,\n"
    "the artifact and .pyc sizes, and every file it could not compile with the\n"
    "reason; the exit status is then 1. Files compile in worker processes: one\n"
    "that crashes the compiler fails with the signal, and the rest still compile.\n"
    "\n"
    "options:\n"
    "  -O0 .. -O3          optimization level (default -O2; -O1 compiles about 2.5x\n"
    "                      faster for whole trees such as the standard library)\n"
    "  -j N, --jobs N      compile N files at a time (default: number of CPUs)\n"
    "  --cache-dir DIR     write artifacts under DIR (mirroring absolute paths), for\n"
    "                      read-only trees; nothing is written into the tree, not\n"
    "                      even a refreshed .pyc; run with PYAOT_CACHE_PREFIX=DIR\n"
    "  --profile FILE      speculate on what a training run recorded (pyaot profile);\n"
    "                      entries for code that changed since are ignored; another\n"
    "                      profile makes every module out of date\n"
    "  -f, --force         compile every file, also those that are up to date\n"
    "  -v, --verbose       print each file (and why it is compiled) and code objects\n"
    "                      left to the interpreter\n"
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
    double secs; /* wall time of this file */
    pyaot_module_stats st;
    char msg[900];
} result;

static void compile_one(const char *path, const pyaot_options *o, result *r)
{
    pyaot_error e = {{0}};
    memset(r, 0, sizeof *r);
    double t0 = now();
    r->ok = pyaot_compile_file(path, o, &r->st, &e) == 0;
    r->secs = now() - t0;
    if (!r->ok)
        snprintf(r->msg, sizeof r->msg, "%s", e.msg[0] ? e.msg : "unknown error");
}

typedef struct msg_t {
    int index;
    result r;
} msg_t;

/* One result per write() keeps the pipe messages whole. */
_Static_assert(sizeof(msg_t) <= PIPE_BUF, "a result fits one atomic pipe write");

enum { NSLOW = 3 };

typedef struct progress {
    int tty, total, done, compiled, uptodate, failed;
    long art, pyc, ncode, nnative;
    char *state;      /* per file: 0 pending, 'c'ompiled, 'u'p to date, 'f'ailed */
    char **why;       /* per failed file: the reason */
    int slow[NSLOW];  /* the slowest compiled files, slowest first; -1 for none */
    double slow_secs[NSLOW];
} progress;

static void note_slow(progress *pg, int index, double secs)
{
    for (int k = 0; k < NSLOW; k++) {
        if (pg->slow[k] < 0 || secs > pg->slow_secs[k]) {
            for (int j = NSLOW - 1; j > k; j--) {
                pg->slow[j] = pg->slow[j - 1];
                pg->slow_secs[j] = pg->slow_secs[j - 1];
            }
            pg->slow[k] = index;
            pg->slow_secs[k] = secs;
            return;
        }
    }
}

static void fail(progress *pg, int index, const char *name, const char *why)
{
    pg->failed++;
    pg->state[index] = 'f';
    pg->why[index] = strdup(why);
    if (pg->tty)
        fprintf(stderr, "\r\033[K");
    fprintf(stderr, "pyaot: %s: %s\n", name, why);
}

static void account(progress *pg, const msg_t *m, char **names)
{
    const result *r = &m->r;
    pg->done++;
    if (r->ok) {
        pg->art += r->st.artifact_bytes;
        pg->pyc += r->st.pyc_bytes;
        if (r->st.up_to_date) {
            pg->uptodate++;
            pg->state[m->index] = 'u';
        }
        else {
            pg->compiled++;
            pg->state[m->index] = 'c';
            pg->ncode += r->st.ncode;
            pg->nnative += r->st.nnative;
            note_slow(pg, m->index, r->secs);
        }
    }
    else {
        fail(pg, m->index, names[m->index], r->msg);
    }
    if (pg->tty)
        fprintf(stderr, "\r\033[K[%d/%d, %d up to date] %s", pg->done, pg->total, pg->uptodate,
                names[m->index]);
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
        if (workers[i] > 0) /* 0: that worker died and was not replaced */
            kill(workers[i], sig);
    while (wait(NULL) > 0 || errno == EINTR)
        ;
    pyaot_emit_abort();
    errno = saved;
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Shared between the workers and the parent: the next file to take, and
   the file each worker is compiling (-1: none). */
typedef struct shared {
    int next;
    int current[sizeof workers / sizeof workers[0]];
} shared;

/* A worker: takes the next file until none is left, sending one result
   per file through `wfd`. PYAOT_TEST_COMPILE_CRASH=TEXT makes it abort on
   a file whose path contains TEXT, as LLVM does on an internal error. */
static void worker(shared *sh, int w, int wfd, filelist *files, const pyaot_options *o)
{
    const char *crash = getenv("PYAOT_TEST_COMPILE_CRASH");
    for (;;) {
        int i = __atomic_fetch_add(&sh->next, 1, __ATOMIC_SEQ_CST);
        if (i >= files->n)
            break;
        __atomic_store_n(&sh->current[w], i, __ATOMIC_SEQ_CST);
        if (crash != NULL && *crash && strstr(files->v[i], crash) != NULL) {
            setrlimit(RLIMIT_CORE, &(struct rlimit){0, 0}); /* no core file */
            abort();
        }
        msg_t m = {.index = i};
        compile_one(files->v[i], o, &m.r);
        if (write(wfd, &m, sizeof m) != (ssize_t)sizeof m)
            _exit(3);
        __atomic_store_n(&sh->current[w], -1, __ATOMIC_SEQ_CST);
    }
    _exit(0);
}

static pid_t spawn(shared *sh, int w, int fds[2], filelist *files, const pyaot_options *o)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        perror("pyaot: fork");
    if (pid != 0)
        return pid;
    nworkers = 0;
    close(fds[0]);
    worker(sh, w, fds[1], files, o);
    return 0; /* not reached */
}

/* Account every result waiting in the (non-blocking) pipe. */
static void drain(int fd, progress *pg, filelist *files)
{
    msg_t m;
    while (read(fd, &m, sizeof m) == (ssize_t)sizeof m)
        account(pg, &m, files->v);
}

/* Workers take the next file from a shared counter and send results back
   through a pipe; one result is below PIPE_BUF, so writes never interleave.
   A worker that dies (LLVM aborts on some internal errors) fails the file
   it was compiling, and a new worker takes its place while files remain. */
static int run_workers(filelist *files, const pyaot_options *o, int jobs, progress *pg)
{
    shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int fds[2];
    if (sh == MAP_FAILED || pipe(fds) < 0) {
        perror("pyaot");
        return -1;
    }
    sh->next = 0;
    int alive = 0, died = 0;
    for (int w = 0; w < jobs; w++) {
        sh->current[w] = -1;
        pid_t pid = spawn(sh, w, fds, files, o);
        if (pid < 0)
            return -1;
        workers[w] = pid;
        nworkers = w + 1;
        alive++;
    }
    /* The parent keeps the write end for the workers it may still start:
       it learns of exits from waitpid, not from the end of the pipe. */
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    while (alive > 0) {
        struct pollfd pfd = {.fd = fds[0], .events = POLLIN};
        poll(&pfd, 1, 100);
        drain(fds[0], pg, files);
        int status;
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            int w = 0;
            while (w < nworkers && workers[w] != pid)
                w++;
            if (w == nworkers)
                continue;
            alive--;
            workers[w] = 0;
            if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
                continue;
            died++;
            drain(fds[0], pg, files); /* what it sent before it died */
            int i = sh->current[w];
            sh->current[w] = -1;
            if (i < 0 || pg->state[i] != 0)
                continue; /* it died between files: nothing to retry */
            char why[128];
            if (WIFSIGNALED(status))
                snprintf(why, sizeof why, "the compiler crashed (signal %d, %s)",
                         WTERMSIG(status), strsignal(WTERMSIG(status)));
            else
                snprintf(why, sizeof why, "the compile worker exited with status %d",
                         WEXITSTATUS(status));
            pg->done++;
            fail(pg, i, files->v[i], why);
            if (__atomic_load_n(&sh->next, __ATOMIC_SEQ_CST) < files->n) {
                pid_t again = spawn(sh, w, fds, files, o);
                if (again < 0)
                    break; /* the files left are reported as not compiled */
                workers[w] = again;
                alive++;
            }
        }
        if (pid < 0 && errno == ECHILD)
            break;
    }
    drain(fds[0], pg, files);
    close(fds[0]);
    close(fds[1]);
    if (pg->done < files->n) {
        if (pg->tty)
            fprintf(stderr, "\r\033[K");
        fprintf(stderr, "pyaot: %d compile worker(s) died; %d file(s) not compiled\n", died,
                files->n - pg->done);
        for (int i = 0; i < files->n; i++)
            if (pg->state[i] == 0)
                fail(pg, i, files->v[i], "not compiled: a compile worker died");
    }
    munmap(sh, sizeof *sh);
    return 0;
}


/* Identity of this compiler build for the freshness stamps: a rebuilt
   pyaot-compile or stubs.bc, another LLVM or another version recompiles. */
static int build_identity(const char *stubs, uint64_t *out)
{
    unsigned major, minor, patch;
    LLVMGetVersion(&major, &minor, &patch);
    char ver[96];
    snprintf(ver, sizeof ver, "pyaot " PYAOT_VERSION " LLVM %u.%u.%u", major, minor, patch);
    uint64_t h = pyaot_hash_bytes(0, ver, strlen(ver));
    const char *files[] = {"/proc/self/exe", stubs};
    static unsigned char buf[1 << 20];
    for (int i = 0; i < 2; i++) {
        FILE *f = fopen(files[i], "rb");
        if (f == NULL) {
            fprintf(stderr, "pyaot: cannot read %s: %s\n", files[i], strerror(errno));
            return -1;
        }
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            h = pyaot_hash_bytes(h, buf, n);
        int bad = ferror(f);
        fclose(f);
        if (bad) {
            fprintf(stderr, "pyaot: cannot read %s\n", files[i]);
            return -1;
        }
    }
    *out = h;
    return 0;
}

/* "12.3 MiB" or "45.6 KiB" */
static const char *human(long bytes, char *buf, size_t cap)
{
    double b = (double)bytes;
    if (b >= 1024.0 * 1024.0)
        snprintf(buf, cap, "%.1f MiB", b / (1024.0 * 1024.0));
    else
        snprintf(buf, cap, "%.1f KiB", b / 1024.0);
    return buf;
}

static void report(const progress *pg, const filelist *files, double secs, int jobs)
{
    fprintf(stderr, "pyaot: %d compiled, %d up to date, %d failed, of %d file(s) in %.1f s (-j %d)\n",
            pg->compiled, pg->uptodate, pg->failed, files->n, secs, jobs);
    char a[32], p[32];
    if (pg->compiled + pg->uptodate > 0)
        fprintf(stderr, "pyaot: artifacts %s, their .pyc files %s (%.1fx), for %d module(s)\n",
                human(pg->art, a, sizeof a), human(pg->pyc, p, sizeof p),
                pg->pyc ? (double)pg->art / (double)pg->pyc : 0.0, pg->compiled + pg->uptodate);
    if (pg->compiled > 0) {
        fprintf(stderr, "pyaot: %ld of %ld code objects native in the compiled modules; slowest:",
                pg->nnative, pg->ncode);
        for (int k = 0; k < NSLOW && pg->slow[k] >= 0; k++)
            fprintf(stderr, "%s %s %.1f s", k ? "," : "", files->v[pg->slow[k]], pg->slow_secs[k]);
        fputc('\n', stderr);
    }
    if (pg->failed > 0) {
        fprintf(stderr, "pyaot: %d file(s) could not be compiled:\n", pg->failed);
        for (int i = 0; i < files->n; i++)
            if (pg->state[i] == 'f')
                fprintf(stderr, "  %s: %s\n", files->v[i], pg->why[i]);
    }
}

int pyaot_cmd_compile(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"jobs", required_argument, NULL, 'j'}, {"verbose", no_argument, NULL, 'v'},
        {"quiet", no_argument, NULL, 'q'},      {"cache-dir", required_argument, NULL, 'C'},
        {"force", no_argument, NULL, 'f'},      {"help", no_argument, NULL, 'h'},
        {"profile", required_argument, NULL, 'P'}, {NULL, 0, NULL, 0},
    };
    pyaot_options o = {.opt_level = 2, .linker = PYAOT_LINKER};
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    int quiet = 0, c;
    const char *profile_path = NULL;
    char stubs[PATH_MAX], cache[PATH_MAX];
    optind = 1;
    while ((c = getopt_long(argc, argv, "O:j:fvqh", longopts, NULL)) != -1) {
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
        case 'f': o.force = 1; break;
        case 'v': o.verbose = 1; break;
        case 'q': quiet = 1; break;
        case 'C':
            if (realpath(optarg, cache) == NULL && (mkdir(optarg, 0777) < 0 || realpath(optarg, cache) == NULL)) {
                fprintf(stderr, "pyaot compile: --cache-dir %s: %s\n", optarg, strerror(errno));
                return 2;
            }
            o.cache_dir = cache;
            break;
        case 'P': profile_path = optarg; break;
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
    if (pyaot_python_init() < 0 || check_target(pyaot_target_python()) < 0 ||
        build_identity(stubs, &o.build_id) < 0)
        return 2;
    if (profile_path != NULL) {
        /* Loaded once, before the workers fork: they share it. */
        pyaot_error pe = {{0}};
        o.profile = pyaot_profile_load(profile_path, &pe);
        if (o.profile == NULL) {
            fprintf(stderr, "pyaot compile: --profile: %s\n", pe.msg);
            return 2;
        }
    }
    /* --cache-dir is for trees that are not ours to write: leave their
       .pyc files as they are; import then compiles a stale one's source
       just as this compile does. */
    if (o.cache_dir != NULL)
        PySys_SetObject("dont_write_bytecode", Py_True);
    pyaot_llvm_init();
    if (jobs > files.n)
        jobs = files.n > 0 ? files.n : 1;

    double t0 = now();
    progress pg = {.tty = isatty(2) && !o.verbose && !quiet, .total = files.n,
                   .state = calloc((size_t)files.n + 1, 1),
                   .why = calloc((size_t)files.n + 1, sizeof(char *))};
    if (pg.state == NULL || pg.why == NULL) {
        perror("pyaot");
        return 2;
    }
    for (int k = 0; k < NSLOW; k++)
        pg.slow[k] = -1;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);

    /* Even one job compiles in a worker process: LLVM aborts the process
       on some internal errors, and the files a dead worker leaves are
       then reported as failed instead of the whole run vanishing. */
    if (run_workers(&files, &o, (int)jobs, &pg) < 0)
        return 2;
    failed += pg.failed;
    if (pg.tty)
        fprintf(stderr, "\r\033[K");
    if (!quiet)
        report(&pg, &files, now() - t0, (int)jobs);
    return failed ? 1 : 0;
}
