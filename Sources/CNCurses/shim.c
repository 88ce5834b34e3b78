#include "CNCurses.h"
#include <pthread.h>
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
static const int term_signals[] = { SIGTERM, SIGHUP, SIGQUIT, SIGINT };
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
static struct sigaction prev_winch, prev_crash[6], start_tstp;
static struct termios saved_tty;
static int have_tty, wake = -1;
static char restore_seq[128];
static size_t restore_len;
static volatile sig_atomic_t winch_flag, term_flag, term_count, stop_flag, cont_flag;
static int job_control;

static void restore_tty(void) {  // async-signal-safe: tcsetattr and write only
    if (restore_len) { ssize_t r = write(1, restore_seq, restore_len); (void)r; }
    if (have_tty) tcsetattr(0, TCSADRAIN, &saved_tty);
}
static void on_winch(int sig, siginfo_t *info, void *ctx) {
    winch_flag = 1;
    if (wake >= 0) { ssize_t r = write(wake, "w", 1); (void)r; }
    if (prev_winch.sa_flags & SA_SIGINFO) { if (prev_winch.sa_sigaction) prev_winch.sa_sigaction(sig, info, ctx); }
    else if (prev_winch.sa_handler != SIG_DFL && prev_winch.sa_handler != SIG_IGN) prev_winch.sa_handler(sig);
}
static void on_term(int sig) {
    // The first signal asks the loop to end (after the answer of a change in flight); the second to
    // end now (the loop records the change as unknown); a third means the loop is stuck: leave.
    if (term_count >= 2) { restore_tty(); _exit(128 + sig); }
    term_count = term_count + 1;
    if (!term_flag) term_flag = sig;
    if (wake >= 0) { ssize_t r = write(wake, "t", 1); (void)r; }
}
static void on_stop(int sig) {  // SIGTSTP from outside (kill -TSTP): the loop suspends properly
    (void)sig;
    stop_flag = 1;
    if (wake >= 0) { ssize_t r = write(wake, "z", 1); (void)r; }
}
static void on_cont(int sig) {  // resumed (after a stop the loop did not make, e.g. SIGSTOP)
    (void)sig;
    cont_flag = 1;
    if (wake >= 0) { ssize_t r = write(wake, "c", 1); (void)r; }
}
static void on_crash(int sig) {
    restore_tty();
    for (int i = 0; i < 6; i++) if (crash_signals[i] == sig) sigaction(sig, &prev_crash[i], NULL);
    raise(sig);  // blocked until we return, then the previous handler (or the default action) runs
}
static void append_cap(const char *name) {
    char *s = tigetstr(name);
    if (s == NULL || s == (char *)-1) return;
    size_t n = strlen(s);
    if (restore_len + n < sizeof restore_seq) { memcpy(restore_seq + restore_len, s, n); restore_len += n; }
}

void cn_save_tty(void) {
    have_tty = tcgetattr(0, &saved_tty) == 0;
    // Before newterm, which puts its own SIGTSTP handler in: an ignored SIGTSTP means no job control
    // (nohup, a shell without it), where stopping would leave the program stopped for good.
    sigaction(SIGTSTP, NULL, &start_tstp);
    job_control = start_tstp.sa_handler != SIG_IGN;
}
int cn_job_control(void) { return job_control; }
void cn_install_signals(int wake_fd) {
    wake = wake_fd; restore_len = 0; term_flag = 0; term_count = 0; winch_flag = 0;
    append_cap("sgr0"); append_cap("cnorm"); append_cap("rmkx"); append_cap("rmcup");
    static const char paste_off[] = "\033[?2004l";  // bracketed paste off (ignored where unknown)
    if (restore_len + sizeof paste_off - 1 < sizeof restore_seq) {
        memcpy(restore_seq + restore_len, paste_off, sizeof paste_off - 1); restore_len += sizeof paste_off - 1;
    }
    struct sigaction sa; memset(&sa, 0, sizeof sa); sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_SIGINFO | SA_RESTART; sa.sa_sigaction = on_winch;
    sigaction(SIGWINCH, &sa, &prev_winch);
    sa.sa_flags = SA_RESTART; sa.sa_handler = on_term;
    for (int i = 0; i < 4; i++) sigaction(term_signals[i], &sa, NULL);
    sa.sa_flags = 0; sa.sa_handler = on_crash;
    for (int i = 0; i < 6; i++) sigaction(crash_signals[i], &sa, &prev_crash[i]);
    stop_flag = 0; cont_flag = 0;
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
    wake = -1; restore_len = 0;
}
int cn_take_stop(void) { int f = stop_flag; stop_flag = 0; return f; }
int cn_take_cont(void) { int f = cont_flag; cont_flag = 0; return f; }
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
    for (int i = 0; i < 20 && !cont_flag; i++) usleep(2500);
    cont_flag = 0; stop_flag = 0;
    return r;
}
int cn_bracketed_paste(int on) {
    const char *seq = on ? "\033[?2004h" : "\033[?2004l";
    return write(1, seq, strlen(seq)) < 0 ? -1 : 0;
}
int cn_take_winch(void) { int f = winch_flag; winch_flag = 0; return f; }
int cn_terminate_signal(void) { return term_flag; }
int cn_terminate_count(void) { return term_count; }
