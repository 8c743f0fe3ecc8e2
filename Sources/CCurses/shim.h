// CCurses: the one header through which TerminalUI's ncurses backend reaches ncursesw.
// Every wrapper is `static inline`, prefixed `ccurses_`, and names the macro, global or
// variadic it replaces. Swift 6 rejects imported mutable C globals (stdscr, LINES, COLS,
// COLORS) and does not import function-like macros, so they are reached through here.
#ifndef CCURSES_SHIM_H
#define CCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <curses.h>
#include <term.h>
#include <sys/ioctl.h>

// MARK: - Locale

/// setlocale(LC_ALL, "") and, when the codeset is not UTF-8, LC_CTYPE falls back to C.UTF-8
/// (or Turkish letters come out as garbage). Returns 1 when the locale is UTF-8 afterwards.
static inline int ccurses_setup_locale(void) {
    setlocale(LC_ALL, "");
    if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") != NULL && strcmp(nl_langinfo(CODESET), "UTF-8") == 0) return 1;
    return 0;
}

// MARK: - Start and end

/// newterm(type, FILE *out, FILE *in) with file descriptors instead of the stdio globals
/// `stdout`/`stdin` (mutable C globals Swift 6 rejects). NULL when the terminal is unknown.
static inline SCREEN *ccurses_newterm(const char *type, int outfd, int infd) {
    FILE *out = fdopen(outfd, "w");
    FILE *in = fdopen(infd, "r");
    if (out == NULL || in == NULL) return NULL;
    return newterm(type, out, in);
}

/// 1 when the current terminal can address the cursor (terminfo `cup`); `TERM=dumb` cannot.
static inline int ccurses_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/// setupterm(type, fd, &err) + tigetstr("cup") + del_curterm(cur_term) (the `cur_term` global):
/// checks a terminal type before `newterm`, which would already write to the terminal.
/// Returns -1 when the type is unknown, 0 when it cannot address the cursor, 1 when usable.
static inline int ccurses_probe_terminal(const char *type, int fd) {
    int err = 0;
    if (setupterm(type, fd, &err) != OK) return -1;
    int usable = ccurses_can_address_cursor();
    del_curterm(cur_term);
    return usable;
}

/// ioctl(fd, TIOCGWINSZ, &ws) (ioctl is variadic): the terminal's rows and columns, 0 on success.
static inline int ccurses_window_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

/// tigetstr(name) with terminfo's "absent" (NULL) and "cancelled" ((char *)-1) both as NULL.
static inline const char *ccurses_terminfo_string(const char *name) {
    char *value = tigetstr(name);
    return value == (char *)-1 ? NULL : value;
}

/// The `stdscr` global.
static inline WINDOW *ccurses_stdscr(void) { return stdscr; }
/// The `LINES` global.
static inline int ccurses_lines(void) { return LINES; }
/// The `COLS` global.
static inline int ccurses_cols(void) { return COLS; }
/// The `COLORS` global.
static inline int ccurses_colors(void) { return COLORS; }
/// The `COLOR_PAIRS` global.
static inline int ccurses_color_pairs(void) { return COLOR_PAIRS; }
/// getmaxyx(win, y, x) macro: the window's rows.
static inline int ccurses_getmaxy(WINDOW *w) { return getmaxy(w); }
/// getmaxyx(win, y, x) macro: the window's columns.
static inline int ccurses_getmaxx(WINDOW *w) { return getmaxx(w); }

// MARK: - Keys

/// KEY_RESIZE macro.
static inline int ccurses_key_resize(void) { return KEY_RESIZE; }
/// KEY_CODE_YES macro: get_wch's return value for a function key.
static inline int ccurses_key_code_yes(void) { return KEY_CODE_YES; }
/// KEY_F(n) macro.
static inline int ccurses_key_f(int n) { return KEY_F(n); }
/// ERR macro.
static inline int ccurses_err(void) { return ERR; }
/// OK macro.
static inline int ccurses_ok(void) { return OK; }
/// get_wch(&wint) through a plain int: the key or character, and whether it is a key code.
/// Returns ERR, OK (a character) or KEY_CODE_YES (a function key).
static inline int ccurses_get_wch(int *out) {
    wint_t ch = 0;
    int r = get_wch(&ch);
    *out = (int)ch;
    return r;
}

// MARK: - Attributes and colours

/// A_NORMAL macro.
static inline attr_t ccurses_a_normal(void) { return A_NORMAL; }
/// A_BOLD macro.
static inline attr_t ccurses_a_bold(void) { return A_BOLD; }
/// A_DIM macro.
static inline attr_t ccurses_a_dim(void) { return A_DIM; }
/// A_UNDERLINE macro.
static inline attr_t ccurses_a_underline(void) { return A_UNDERLINE; }
/// A_REVERSE macro.
static inline attr_t ccurses_a_reverse(void) { return A_REVERSE; }
/// A_STANDOUT macro.
static inline attr_t ccurses_a_standout(void) { return A_STANDOUT; }
/// A_ITALIC macro.
static inline attr_t ccurses_a_italic(void) { return A_ITALIC; }
/// COLOR_PAIR(n) macro.
static inline attr_t ccurses_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
/// 1 when the terminal draws the ACS line characters (terminfo `acsc`).
static inline int ccurses_has_acs(void) {
    char *acsc = tigetstr("acsc");
    return acsc != NULL && acsc != (char *)-1 && acsc[0] != '\0';
}

// MARK: - Drawing

/// setcchar + mvwadd_wch: one cell of up to CCHARW_MAX wide characters (a base and its
/// combining marks) with attributes and a colour pair. The cchar_t struct and the variadic-ish
/// `setcchar` signature (void *opts) are kept out of Swift.
static inline int ccurses_put_cell(WINDOW *w, int y, int x, const wchar_t *wch, int count,
                                   attr_t attrs, short pair) {
    wchar_t buf[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) buf[i] = wch[i];
    buf[n] = L'\0';
    cchar_t c;
    if (setcchar(&c, buf, attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(w, y, x, &c);
}

/// mvwaddnwstr with wattr_set around it (wattr_set is a macro in ncurses).
static inline int ccurses_put_text(WINDOW *w, int y, int x, const wchar_t *text, int count,
                                   attr_t attrs, short pair) {
    wattr_set(w, attrs, pair, NULL);
    int r = mvwaddnwstr(w, y, x, text, count);
    wattr_set(w, A_NORMAL, 0, NULL);
    return r;
}

/// Reads back one cell (for headless tests): its characters into `out` (up to `max`), its
/// attributes and pair. Returns the number of characters, or -1. Replaces mvwin_wch + getcchar.
static inline int ccurses_read_cell(WINDOW *w, int y, int x, wchar_t *out, int max,
                                    attr_t *attrs, short *pair) {
    cchar_t c;
    if (mvwin_wch(w, y, x, &c) == ERR) return -1;
    wchar_t buf[CCHARW_MAX + 1];
    if (getcchar(&c, buf, attrs, pair, NULL) == ERR) return -1;
    int n = 0;
    while (n < CCHARW_MAX && buf[n] != L'\0' && n < max) { out[n] = buf[n]; n++; }
    return n;
}

/// wmove macro-free form plus curs_set: the terminal cursor at (y, x), visible or hidden.
static inline void ccurses_place_cursor(WINDOW *w, int y, int x, int visible) {
    curs_set(visible ? 1 : 0);
    if (visible) wmove(w, y, x);
}

#endif
