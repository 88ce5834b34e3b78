#include "CNCurses.h"

WINDOW *cn_stdscr(void) { return stdscr; }
int cn_cols(void) { return COLS; }
int cn_lines(void) { return LINES; }
