extension Update {
    /// Said when a paste lands where no text is typed (the list, a question, help).
    static let pasteIgnored = "Paste ignored here: only text boxes and the / filter take pasted text"

    /// A bracketed paste (`TerminalEvent.paste`): text for the box being typed in, never keys — a
    /// pasted newline does not move to the next field and a pasted `y` answers no question.
    ///
    /// The filter and the focused form box take it, cleaned by `PastedText` (the first line, or for a
    /// `custom` JSON field the lines joined; control characters removed); the list, a y/n question and
    /// the help overlay ignore it and say so. A `pass` box stays masked, and no message repeats the text.
    static func paste(_ state: inout AppState, _ raw: String) -> [AppEffect] {
        if Layout.isTooSmall(width: state.width, height: state.height) { return [] }
        switch state.context {
        case .filter:
            guard var editor = state.filterEditor else { return [] }
            let pasted = PastedText(raw, policy: .firstLine)
            editor.insert(pasted.text)
            state.filterEditor = editor
            state.catalog.setFilter(editor.text)
            selectBestMatch(&state)
            reportPaste(&state, pasted, raw: raw)
            return selectionMoved(&state)
        case .form:
            if formIsLocked(&state, command: nil) { return [] }
            guard let pasted = state.form?.paste(raw) else {
                say(&state, pasteIgnored)
                return []
            }
            reportPaste(&state, pasted, raw: raw)
            return []
        case .browser, .dialog, .help:
            say(&state, pasteIgnored)
            return []
        }
    }

    /// Tells what a paste lost, if anything: lines after the first, or the end of a paste the terminal
    /// layer cut at `TerminalEvent.pasteLimit`. Counts only: the text may be a secret.
    static func reportPaste(_ state: inout AppState, _ pasted: PastedText, raw: String) {
        var notes: [String] = []
        if raw.unicodeScalars.count >= TerminalEvent.pasteLimit {
            notes.append("the paste was cut at \(TerminalEvent.pasteLimit) characters")
        }
        if pasted.droppedLines > 0 {
            let lines = pasted.droppedLines == 1 ? "1 more line" : "\(pasted.droppedLines) more lines"
            notes.append("only its first line was pasted (\(lines) left out)")
        }
        guard !notes.isEmpty else {
            // A whole paste: an earlier paste's note would now say this one lost lines.
            if let status = state.status, isPasteNote(status) { state.status = nil }
            return
        }
        let text = notes.joined(separator: "; ")
        say(&state, text.prefix(1).uppercased() + text.dropFirst())
    }

    /// True for what `paste` itself says (`pasteIgnored`, the notes of `reportPaste`).
    static func isPasteNote(_ status: StatusMessage) -> Bool {
        !status.isError && (status.text == pasteIgnored || status.text.hasPrefix("The paste was cut at ")
            || status.text.hasPrefix("Only its first line was pasted"))
    }
}
