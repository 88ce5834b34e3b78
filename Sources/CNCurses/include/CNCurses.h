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
#include <wchar.h>
#include <ncursesw/curses.h>

/// The standard screen (the `stdscr` global, which Swift 6 rejects as shared mutable state).
WINDOW *cn_stdscr(void);
/// Terminal size in columns / rows (the `COLS` / `LINES` globals).
int cn_cols(void);
int cn_lines(void);

#endif
