import CNCurses

/// Job control: Ctrl-Z stops the program the way curses programs (and a cooked tty) do, and `fg`
/// brings the screen back whole.
extension CursesSession {
    /// Ctrl-Z, or SIGTSTP from outside: gives the terminal back as on exit — `endwin` (shell tty
    /// modes, keypad off, the alternate screen left, the cursor shown), bracketed paste off — then
    /// stops the process group (a wrapper script too) with SIGTSTP's default action. Once continued (`fg`, SIGCONT) it takes
    /// the screen again (see `retakeScreen`). Effect tasks are not cancelled: they stop with the
    /// process and carry on after it continues; the program's state (typed text) is untouched.
    /// - Returns: false, having done nothing, when there is no job control (SIGTSTP was ignored at
    ///   start: nothing would ever continue the process).
    func suspend() -> Bool {
        guard cn_job_control() == 1 else { return false }
        endwin()
        _ = cn_bracketed_paste(0)
        _ = cn_stop_self()
        retakeScreen()
        return true
    }

    /// After a SIGCONT for a stop this program did not make (SIGSTOP from outside): a shell may have
    /// changed the tty modes and written on the screen meanwhile, so the screen is given back and
    /// taken again as after Ctrl-Z (one flicker on a rare path, every mode certainly right).
    func retakeAfterForeignStop() {
        endwin()
        retakeScreen()
    }

    /// The way back after `endwin`: bracketed paste on, the size read from the kernel (the terminal
    /// may have been resized meanwhile), the screen cleared so the next draw repaints every cell. The
    /// next `doupdate` restores the program's tty modes, keypad, alternate screen and cursor state.
    private func retakeScreen() {
        _ = cn_bracketed_paste(1)
        _ = syncSizeWithKernel()
        wclear(window)
    }
}
