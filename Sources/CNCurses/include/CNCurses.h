// Thin shim over ncursesw for what Swift cannot import: macros, globals, variadics, signal plumbing.
// SwiftPM drops pkg-config's -D flags, so the wide-character API is switched on here.
#ifndef CNCURSES_H
#define CNCURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/// The standard screen (the `stdscr` global, which Swift 6 rejects as shared mutable state).
WINDOW *cn_stdscr(void);
/// Terminal size in columns / rows (the `COLS` / `LINES` globals).
int cn_cols(void);
int cn_lines(void);
/// How many colours the terminal has (the `COLORS` global, valid after `start_color`).
int cn_colors(void);
/// The terminal's size from the kernel (TIOCGWINSZ on fd 1); 0 on success, -1 when unknown.
int cn_tty_size(int *rows, int *cols);
/// `newterm(NULL, stdout, stdin)`: NULL when the terminal type is unknown (no exit, unlike `initscr`).
SCREEN *cn_newterm(void);
/// 1 when the current terminal (after `newterm`) can move the cursor (`cup`) and is not hard copy
/// (`hc`); 0 for e.g. `dumb`, where a full-screen UI would come out as one garbled line.
int cn_can_address_cursor(void);
/// Attribute bits (`A_*` macros) and `COLOR_PAIR(n)`.
attr_t cn_a_bold(void);
attr_t cn_a_reverse(void);
attr_t cn_a_underline(void);
attr_t cn_a_dim(void);
attr_t cn_a_normal(void);
/// The line-drawing character `ACS_*` for its VT100 letter (e.g. 'q' horizontal, 'x' vertical).
chtype cn_acs(char vt100);
/// `KEY_F(n)`.
int cn_key_f(int n);

/// Saves the tty modes of fd 0 (call before `newterm`): the crash path restores exactly these. Also
/// notes whether job control is available (SIGTSTP not ignored), before ncurses changes its handler.
void cn_save_tty(void);
/// 1 when SIGTSTP was not ignored at `cn_save_tty`: Ctrl-Z may stop the process (a shell will `fg` it).
int cn_job_control(void);
/// Installs the signal handlers while curses is up (call after `newterm`):
/// SIGWINCH writes one byte to `wake_fd` and chains to the previous (ncurses') handler;
/// SIGTERM/SIGHUP/SIGQUIT/SIGINT record the signal and write to `wake_fd` (a second one restores the tty
/// and exits at once); SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGABRT/SIGTRAP restore the tty (bracketed paste
/// off too), then re-raise through the previous handler; SIGTSTP (with job control) and SIGCONT set
/// flags (`cn_take_stop`, `cn_take_cont`) and write to `wake_fd`. `wake_fd` must be non-blocking.
/// The handlers may run on any thread: the flags are C11 atomics and each handler keeps `errno`.
void cn_install_signals(int wake_fd);
/// Puts back the SIGWINCH and crash handlers that were there before, and the default action for the
/// terminating signals (call after `endwin`). Returns once no handler of ours is still running on
/// another thread (100 ms at most), so the caller may then close `wake_fd`.
void cn_remove_signals(void);
/// Returns and clears "a SIGWINCH arrived".
int cn_take_winch(void);
/// The terminating signal that arrived since `cn_install_signals` (0 = none); it stays set.
int cn_terminate_signal(void);
/// How many terminating signals arrived (1: end after what is in flight; 2: end now).
int cn_terminate_count(void);
/// Returns and clears "a SIGTSTP arrived from outside" (the loop then suspends as for Ctrl-Z).
int cn_take_stop(void);
/// Returns and clears "a SIGCONT arrived" (the process was stopped by something else, e.g. SIGSTOP).
int cn_take_cont(void);
/// Stops the process group with SIGTSTP's default action and returns once continued (SIGCONT), with
/// this program's SIGTSTP handler back in place. Call with the terminal already given back (`endwin`).
/// Returns -1 without stopping when there is no job control (see `cn_job_control`).
int cn_stop_self(void);
/// Writes xterm's bracketed-paste mode switch (`ESC[?2004h` on, `ESC[?2004l` off) to fd 1. Terminals
/// that lack the mode ignore it. Returns 0, or -1 when the write failed.
int cn_bracketed_paste(int on);

/// glibc: at most `n` malloc arenas (mallopt M_ARENA_MAX); elsewhere nothing. Returns 1 when set.
int cn_limit_malloc_arenas(int n);
/// glibc: blocks of `bytes` or more are mmapped and go back to the system when freed, and the heap
/// top is trimmed beyond `bytes` (mallopt M_MMAP_THRESHOLD, M_TRIM_THRESHOLD, which also stops
/// glibc from raising the threshold after a large free); elsewhere nothing. Returns 1 when set.
int cn_fix_malloc_mmap_threshold(size_t bytes);

#endif
