#include "CNCurses.h"
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int cn_limit_malloc_arenas(int n) {
#if defined(__GLIBC__)
    return mallopt(M_ARENA_MAX, n);
#else
    (void)n;
    return 0;
#endif
}

int cn_fix_malloc_mmap_threshold(size_t bytes) {
#if defined(__GLIBC__)
    // Setting it (and the trim threshold) by hand turns off glibc's dynamic adjustment.
    return mallopt(M_MMAP_THRESHOLD, (int)bytes) && mallopt(M_TRIM_THRESHOLD, (int)bytes);
#else
    (void)bytes;
    return 0;
#endif
}

WINDOW *cn_stdscr(void) { return stdscr; }
int cn_cols(void) { return COLS; }
int cn_lines(void) { return LINES; }
int cn_colors(void) { return COLORS; }
int cn_tty_size(int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row; *cols = ws.ws_col;
    return 0;
}
SCREEN *cn_newterm(void) { return newterm(NULL, stdout, stdin); }
int cn_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1 && tigetflag("hc") != 1;
}
attr_t cn_a_bold(void) { return A_BOLD; }
attr_t cn_a_reverse(void) { return A_REVERSE; }
attr_t cn_a_underline(void) { return A_UNDERLINE; }
attr_t cn_a_dim(void) { return A_DIM; }
attr_t cn_a_normal(void) { return A_NORMAL; }
chtype cn_acs(char vt100) { return NCURSES_ACS(vt100); }
int cn_key_f(int n) { return KEY_F(n); }

// Signal plumbing. Handlers only touch these statics and call async-signal-safe functions.
// The handlers run on whichever thread the kernel picks (in practice the main thread, parked in
// dispatch's sigsuspend), while the loop reads the flags on its own thread: `volatile sig_atomic_t`
// is only safe for a handler interrupting the same thread, so everything a handler reads or writes
// is a lock-free C11 atomic, and each handler leaves errno as it found it (`write` may change it
// under the code it interrupted).
static const int term_signals[] = { SIGTERM, SIGHUP, SIGQUIT, SIGINT };
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
static struct sigaction prev_winch, prev_crash[6], start_tstp;
static struct termios saved_tty;
static atomic_int have_tty;  // release-stored after saved_tty is written: a handler reads it acquired
static atomic_int wake = -1;
static char restore_seq[128];
static atomic_size_t restore_len;  // release-stored after restore_seq is written
static atomic_int winch_flag, term_flag, term_count, stop_flag, cont_flag;
// Handlers running right now: cn_remove_signals waits for 0 before the caller may close `wake`.
static atomic_int handlers_running;
static int job_control;

static void restore_tty(void) {  // async-signal-safe: tcsetattr and write only
    size_t n = atomic_load_explicit(&restore_len, memory_order_acquire);
    if (n) { ssize_t r = write(1, restore_seq, n); (void)r; }
    if (atomic_load_explicit(&have_tty, memory_order_acquire)) tcsetattr(0, TCSADRAIN, &saved_tty);
}
static void poke(const char *byte) {  // one byte to the loop's wake pipe, if it is still there
    int fd = atomic_load_explicit(&wake, memory_order_acquire);
    if (fd >= 0) { ssize_t r = write(fd, byte, 1); (void)r; }
}
static void on_winch(int sig, siginfo_t *info, void *ctx) {
    int saved_errno = errno;
    atomic_fetch_add_explicit(&handlers_running, 1, memory_order_acq_rel);
    atomic_store_explicit(&winch_flag, 1, memory_order_release);
    poke("w");
    if (prev_winch.sa_flags & SA_SIGINFO) { if (prev_winch.sa_sigaction) prev_winch.sa_sigaction(sig, info, ctx); }
    else if (prev_winch.sa_handler != SIG_DFL && prev_winch.sa_handler != SIG_IGN) prev_winch.sa_handler(sig);
    atomic_fetch_sub_explicit(&handlers_running, 1, memory_order_acq_rel);
    errno = saved_errno;
}
static void on_term(int sig) {
    // The first signal asks the loop to end (after the answer of a change in flight); the second to
    // end now (the loop records the change as unknown); a third means the loop is stuck: leave.
    // One atomic increment: two signals handled at once on two threads still count as two.
    int saved_errno = errno;
    atomic_fetch_add_explicit(&handlers_running, 1, memory_order_acq_rel);
    if (atomic_load_explicit(&term_count, memory_order_acquire) >= 2
        || atomic_fetch_add_explicit(&term_count, 1, memory_order_acq_rel) >= 2) {
        restore_tty(); _exit(128 + sig);
    }
    int none = 0;  // the first signal's number stays
    atomic_compare_exchange_strong_explicit(&term_flag, &none, sig, memory_order_acq_rel, memory_order_acquire);
    poke("t");
    atomic_fetch_sub_explicit(&handlers_running, 1, memory_order_acq_rel);
    errno = saved_errno;
}
static void on_stop(int sig) {  // SIGTSTP from outside (kill -TSTP): the loop suspends properly
    (void)sig;
    int saved_errno = errno;
    atomic_fetch_add_explicit(&handlers_running, 1, memory_order_acq_rel);
    atomic_store_explicit(&stop_flag, 1, memory_order_release);
    poke("z");
    atomic_fetch_sub_explicit(&handlers_running, 1, memory_order_acq_rel);
    errno = saved_errno;
}
static void on_cont(int sig) {  // resumed (after a stop the loop did not make, e.g. SIGSTOP)
    (void)sig;
    int saved_errno = errno;
    atomic_fetch_add_explicit(&handlers_running, 1, memory_order_acq_rel);
    atomic_store_explicit(&cont_flag, 1, memory_order_release);
    poke("c");
    atomic_fetch_sub_explicit(&handlers_running, 1, memory_order_acq_rel);
    errno = saved_errno;
}
static void on_crash(int sig) {
    int saved_errno = errno;  // for the previous handler, which runs when this one returns
    restore_tty();
    for (int i = 0; i < 6; i++) if (crash_signals[i] == sig) sigaction(sig, &prev_crash[i], NULL);
    raise(sig);  // blocked until we return, then the previous handler (or the default action) runs
    errno = saved_errno;
}
// Builds the restore sequence while no handler reads it (restore_len is 0 until published).
static size_t append_bytes(size_t len, const char *s, size_t n) {
    if (len + n < sizeof restore_seq) { memcpy(restore_seq + len, s, n); len += n; }
    return len;
}
static size_t append_cap(size_t len, const char *name) {
    char *s = tigetstr(name);
    if (s == NULL || s == (char *)-1) return len;
    return append_bytes(len, s, strlen(s));
}

void cn_save_tty(void) {
    atomic_store_explicit(&have_tty, 0, memory_order_release);  // saved_tty is being rewritten
    atomic_store_explicit(&have_tty, tcgetattr(0, &saved_tty) == 0, memory_order_release);
    // Before newterm, which puts its own SIGTSTP handler in: an ignored SIGTSTP means no job control
    // (nohup, a shell without it), where stopping would leave the program stopped for good.
    sigaction(SIGTSTP, NULL, &start_tstp);
    job_control = start_tstp.sa_handler != SIG_IGN;
}
int cn_job_control(void) { return job_control; }
void cn_install_signals(int wake_fd) {
    // Nothing of ours is installed yet, so no handler reads these while they are set.
    atomic_store_explicit(&restore_len, 0, memory_order_release);
    atomic_store_explicit(&term_flag, 0, memory_order_relaxed);
    atomic_store_explicit(&term_count, 0, memory_order_relaxed);
    atomic_store_explicit(&winch_flag, 0, memory_order_relaxed);
    atomic_store_explicit(&stop_flag, 0, memory_order_relaxed);
    atomic_store_explicit(&cont_flag, 0, memory_order_relaxed);
    size_t len = 0;
    len = append_cap(len, "sgr0"); len = append_cap(len, "cnorm"); len = append_cap(len, "rmkx"); len = append_cap(len, "rmcup");
    static const char paste_off[] = "\033[?2004l";  // bracketed paste off (ignored where unknown)
    len = append_bytes(len, paste_off, sizeof paste_off - 1);
    atomic_store_explicit(&restore_len, len, memory_order_release);
    atomic_store_explicit(&wake, wake_fd, memory_order_release);
    // The previous handlers are read before ours go in: a signal arriving on another thread while
    // sigaction(…, &new, &old) returns would otherwise chain through a half-copied `old`.
    sigaction(SIGWINCH, NULL, &prev_winch);
    for (int i = 0; i < 6; i++) sigaction(crash_signals[i], NULL, &prev_crash[i]);
    struct sigaction sa; memset(&sa, 0, sizeof sa); sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_SIGINFO | SA_RESTART; sa.sa_sigaction = on_winch;
    sigaction(SIGWINCH, &sa, NULL);
    sa.sa_flags = SA_RESTART; sa.sa_handler = on_term;
    for (int i = 0; i < 4; i++) sigaction(term_signals[i], &sa, NULL);
    sa.sa_flags = 0; sa.sa_handler = on_crash;
    for (int i = 0; i < 6; i++) sigaction(crash_signals[i], &sa, NULL);
    sa.sa_flags = SA_RESTART; sa.sa_handler = on_cont;
    sigaction(SIGCONT, &sa, NULL);
    if (job_control) { sa.sa_handler = on_stop; sigaction(SIGTSTP, &sa, NULL); }  // replaces ncurses' handler
}
void cn_remove_signals(void) {
    sigaction(SIGWINCH, &prev_winch, NULL);
    struct sigaction dfl; memset(&dfl, 0, sizeof dfl); dfl.sa_handler = SIG_DFL;
    for (int i = 0; i < 4; i++) sigaction(term_signals[i], &dfl, NULL);  // not ncurses' cleanup: curses is down
    for (int i = 0; i < 6; i++) sigaction(crash_signals[i], &prev_crash[i], NULL);
    sigaction(SIGCONT, &dfl, NULL);
    sigaction(SIGTSTP, &start_tstp, NULL);  // as before newterm (ncurses' handler would outlive its screen)
    // A handler that started on another thread before the lines above may still be running: it
    // sees the pipe gone from here on, and the caller may close the pipe only once it has finished
    // (else its write could land in whatever file reuses the descriptor). Bounded: 100 ms.
    atomic_store_explicit(&wake, -1, memory_order_release);
    atomic_store_explicit(&restore_len, 0, memory_order_release);
    for (int i = 0; i < 1000 && atomic_load_explicit(&handlers_running, memory_order_acquire) > 0; i++) usleep(100);
}
int cn_take_stop(void) { return atomic_exchange_explicit(&stop_flag, 0, memory_order_acq_rel); }
int cn_take_cont(void) { return atomic_exchange_explicit(&cont_flag, 0, memory_order_acq_rel); }
int cn_stop_self(void) {
    if (!job_control) return -1;
    struct sigaction dfl, mine;
    memset(&dfl, 0, sizeof dfl); sigemptyset(&dfl.sa_mask); dfl.sa_handler = SIG_DFL;
    sigaction(SIGTSTP, &dfl, &mine);
    sigset_t tstp, before;
    sigemptyset(&tstp); sigaddset(&tstp, SIGTSTP);
    // The whole process group, as the tty driver's Ctrl-Z would: a wrapper script stops too, so its
    // shell gets the terminal back. Sent with SIGTSTP blocked here, unblocked right after: then the
    // stop happens before the unblock returns — either this thread takes the signal still pending,
    // or another thread already took it and the group stop holds this one too. Never after the
    // handler is back (a plain kill would race: the signal went to another thread, nothing stopped).
    pthread_sigmask(SIG_BLOCK, &tstp, &before);
    int r = kill(0, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &tstp, NULL);
    pthread_sigmask(SIG_SETMASK, &before, NULL);
    sigaction(SIGTSTP, &mine, NULL);
    // Continued. The SIGCONT handler may run on another thread a moment later: let it, so its flag
    // is not taken for a stop this program did not make. (No wait when nothing stopped us: an
    // orphaned process group ignores SIGTSTP, and then no SIGCONT comes; 50 ms at most.)
    for (int i = 0; i < 20 && !atomic_load_explicit(&cont_flag, memory_order_acquire); i++) usleep(2500);
    atomic_store_explicit(&cont_flag, 0, memory_order_release);
    atomic_store_explicit(&stop_flag, 0, memory_order_release);
    return r;
}
int cn_bracketed_paste(int on) {
    const char *seq = on ? "\033[?2004h" : "\033[?2004l";
    return write(1, seq, strlen(seq)) < 0 ? -1 : 0;
}
int cn_take_winch(void) { return atomic_exchange_explicit(&winch_flag, 0, memory_order_acq_rel); }
int cn_terminate_signal(void) { return atomic_load_explicit(&term_flag, memory_order_acquire); }
int cn_terminate_count(void) { return atomic_load_explicit(&term_count, memory_order_acquire); }
