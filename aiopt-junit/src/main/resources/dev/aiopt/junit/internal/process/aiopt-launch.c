/*
 * aiopt-launch: starts one command for aiopt's JVM and makes sure it does not outlive it.
 *
 *   aiopt-launch <jvm pid> <pids cgroup dir or -> <max processes or 0> <max file bytes or 0> -- argv...
 *
 * Java cannot set PR_SET_PDEATHSIG on the processes it starts, so this helper does: it asks the kernel for a
 * signal when its parent (the JVM) dies, starts argv as the leader of a new process group, and on that signal
 * (or SIGTERM/SIGINT/SIGHUP from the JVM) kills the whole group with SIGKILL. Before starting argv it joins the
 * given pids cgroup and sets RLIMIT_FSIZE (and RLIMIT_NPROC, which binds only non-root users), so the limits
 * hold for everything below it. When argv ends, what it left in its group is killed too. It exits with argv's status (128 + signal when argv was killed).
 * Compiled by the JVM with g++ on first use; C and C++ alike.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>

static volatile pid_t child = 0;

static void kill_group(int sig) {
    (void) sig;
    if (child > 0) {
        kill(-child, SIGKILL);
        kill(child, SIGKILL);
    }
    _exit(137);
}

static int join_cgroup(const char *dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/cgroup.procs", dir);
    int fd = open(path, O_WRONLY);
    if (fd < 0) {
        return -1;
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%d\n", (int) getpid());
    int ok = write(fd, pid, n) == n ? 0 : -1;
    close(fd);
    return ok;
}

static int set_limit(int resource, const char *value) {
    unsigned long long v = strtoull(value, NULL, 10);
    if (v == 0) {
        return 0;
    }
    struct rlimit limit;
    limit.rlim_cur = (rlim_t) v;
    limit.rlim_max = (rlim_t) v;
    return setrlimit(resource, &limit);
}

int main(int argc, char **argv) {
    if (argc < 7 || strcmp(argv[5], "--") != 0) {
        fprintf(stderr, "usage: aiopt-launch <jvm pid> <cgroup|-> <nproc> <fsize> -- argv...\n");
        return 125;
    }
    pid_t jvm = (pid_t) atoi(argv[1]);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = kill_group;
    sigaction(SIGUSR1, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    prctl(PR_SET_PDEATHSIG, SIGUSR1);
    if (getppid() != jvm) {
        return 137; /* the JVM died before the death signal was armed */
    }
    if (strcmp(argv[2], "-") != 0 && join_cgroup(argv[2]) != 0) {
        fprintf(stderr, "aiopt-launch: cannot join the pids cgroup %s: %s\n", argv[2], strerror(errno));
        return 126;
    }
    if (set_limit(RLIMIT_NPROC, argv[3]) != 0 || set_limit(RLIMIT_FSIZE, argv[4]) != 0) {
        fprintf(stderr, "aiopt-launch: cannot set resource limits: %s\n", strerror(errno));
        return 126;
    }
    sigset_t block, previous;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &previous);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "aiopt-launch: cannot fork: %s\n", strerror(errno));
        return 126;
    }
    if (pid == 0) {
        setpgid(0, 0);
        struct sigaction deflt;
        memset(&deflt, 0, sizeof deflt);
        deflt.sa_handler = SIG_DFL;
        sigaction(SIGUSR1, &deflt, NULL);
        sigaction(SIGTERM, &deflt, NULL);
        sigaction(SIGINT, &deflt, NULL);
        sigaction(SIGHUP, &deflt, NULL);
        prctl(PR_SET_PDEATHSIG, 0);
        sigprocmask(SIG_SETMASK, &previous, NULL);
        execvp(argv[6], argv + 6);
        fprintf(stderr, "aiopt-launch: cannot run %s: %s\n", argv[6], strerror(errno));
        _exit(127);
    }
    setpgid(pid, pid);
    child = pid;
    sigprocmask(SIG_SETMASK, &previous, NULL);
    if (getppid() != jvm) {
        kill_group(0);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return 126;
        }
    }
    /* What argv left running in its group (a daemon, a background job) does not outlive it. */
    kill(-pid, SIGKILL);
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    return 128 + WTERMSIG(status);
}
