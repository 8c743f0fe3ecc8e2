// TerminalUI: the client's terminal toolkit. A guide for the engineers writing screens on it.
//
// # The shape
// A screen is a `TerminalProgram`: `update(event, waiter:)` changes the model and answers
// `.redraw`, `.none` or `.quit`; `render(into: &canvas)` draws the whole model into a `Canvas`
// and returns where the terminal cursor goes (the focused field or item; nil hides it). Nothing
// but the backend touches the terminal, so tests drive a program with events and compare
// `canvas.lines()` (plain text) and `canvas.roles(row:)` (styles) against expectations.
//
// # Starting the loop
//     let backend = try NcursesBackend(configuration: .standard(noColorFlag: options.noColor))
//     var loop = EventLoop(backend: backend, waiter: PollWaiter())   // or the app's TransferSet
//     var app = MyProgram()
//     let ending = loop.run(&app)        // until .quit, SIGHUP/SIGTERM/SIGINT, or input closed
//     backend.restore()                  // on every path; then exit(ending.exitStatus)
// `TerminalStartError` says why curses could not start (not a terminal, TERM=dumb, unknown TERM).
// The first event is `.resize(size)`; then keys, resizes, `.tick` when `nextDeadline()` has come
// (an idle program answers nil and the process sleeps), and `.completion` for the waiter's jobs.
// Ctrl-C is a key (`Key.interrupt`) because the terminal is in raw mode: bind it to quitting.
//
// # Drawing
// `Rect` helpers cut the screen (`top`, `bottom`, `droppingTop`, `inset`, `splitColumns`,
// `centered`…) and clip instead of trapping. `Canvas.put` draws text on one row and returns the
// columns used; `write` truncates with the ellipsis and aligns; `putWrapped` word-wraps;
// `putMessage` prefixes errors/warnings/successes with their marker; `fill`, `setRole`,
// `drawBox`, `drawHorizontalLine`. Every string passes `InertText.sanitize` on the way in, so
// server text can never reach the terminal as control sequences. Widths come from
// `DisplayWidth` (Unicode tables, not wcwidth). Styles are `Role`s; the `Theme` (256 colours,
// 8 colours, monochrome for NO_COLOR) and the `Glyphs` (Unicode or ASCII) are the backend's.
//
// # Widgets (value types: `handle(key) -> KeyOutcome`, `render(in:into:…) -> cursor`)
// `TextField` (readline keys, grapheme editing, masked, max length), `SelectionList` (menus with
// 1–9 shortcuts, type-to-filter with `LooseMatch`), `ToggleGrid` (locked cells refuse with a
// reason), `Pager` (Markdown, `/` search with `CaseFolding.turkish`, `n`/`N`), `Dialog`
// (confirm, info, error), `TitleBar`, `KeyHintBar` and `HelpOverlay` (both from a `Keymap`),
// `Spinner` (clock-driven), `MinimumSize` (the "make the window at least 80x24" notice).
// A `KeyOutcome` of `.ignored` means the key is the screen's: look it up in the screen's keymap.
