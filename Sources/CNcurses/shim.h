// Swift cannot call ncurses macros or read `stdscr` directly; these wrappers
// give TerminalNcurses a small, function-only surface.
#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <stdlib.h>
#include <ncursesw/curses.h>

static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_setlocale_all(void) { return setlocale(LC_ALL, "") != NULL; }

static inline int cn_getmaxx(void) { int y, x; getmaxyx(stdscr, y, x); (void)y; return x; }
static inline int cn_getmaxy(void) { int y, x; getmaxyx(stdscr, y, x); (void)x; return y; }

static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t cn_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_dim(void) { return A_DIM; }

static inline int cn_attrset(attr_t attrs) { return attrset((int)attrs); }
static inline int cn_attron(attr_t attrs) { return attron((int)attrs); }
static inline int cn_attroff(attr_t attrs) { return attroff((int)attrs); }

/// Writes up to `n` wide characters at (y, x) on stdscr.
static inline int cn_mvaddnwstr(int y, int x, const wchar_t *s, int n) { return mvaddnwstr(y, x, s, n); }
static inline int cn_mvaddstr(int y, int x, const char *s) { return mvaddstr(y, x, s); }

/// Builds a cchar_t from a (possibly multi-codepoint) wide string and writes it.
static inline int cn_mvadd_wstr_cell(int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t cc;
    if (setcchar(&cc, wch, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cc);
}

/// The C library's column width of one character, as curses measures it (-1: unknown).
/// Declared here because <wchar.h> hides it without _XOPEN_SOURCE.
int wcwidth(wchar_t c);
static inline int cn_wcwidth(wchar_t c) { return wcwidth(c); }

/// Reads one wide character or key code; returns OK, KEY_CODE_YES or ERR.
static inline int cn_get_wch(wint_t *out) { return wget_wch(stdscr, out); }
static inline void cn_timeout(int ms) { wtimeout(stdscr, ms); }
static inline int cn_keypad(bool on) { return keypad(stdscr, on); }
static inline int cn_wnoutrefresh(void) { return wnoutrefresh(stdscr); }
static inline int cn_clearok(bool on) { return clearok(stdscr, on); }
static inline int cn_werase(void) { return werase(stdscr); }
static inline int cn_set_escdelay(int ms) { return set_escdelay(ms); }

static const int CN_OK = OK;
static const int CN_ERR = ERR;
static const int CN_KEY_CODE_YES = KEY_CODE_YES;
static const int CN_KEY_UP = KEY_UP;
static const int CN_KEY_DOWN = KEY_DOWN;
static const int CN_KEY_LEFT = KEY_LEFT;
static const int CN_KEY_RIGHT = KEY_RIGHT;
static const int CN_KEY_NPAGE = KEY_NPAGE;
static const int CN_KEY_PPAGE = KEY_PPAGE;
static const int CN_KEY_HOME = KEY_HOME;
static const int CN_KEY_END = KEY_END;
static const int CN_KEY_ENTER = KEY_ENTER;
static const int CN_KEY_BTAB = KEY_BTAB;
static const int CN_KEY_BACKSPACE = KEY_BACKSPACE;
static const int CN_KEY_DC = KEY_DC;
static const int CN_KEY_RESIZE = KEY_RESIZE;
static const int CN_KEY_F0 = KEY_F0;

#endif
