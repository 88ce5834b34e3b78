import AmoCRM

/// Where the account's users stand for the form's `users` / `users_lp` fields.
public enum UsersAvailability: Hashable, Sendable {
    /// Not asked yet, or the request is running.
    case loading
    /// The account's users.
    case loaded([User])
    /// The token may not list users (403) or the list failed: user ids are typed by hand.
    case unavailable(reason: String)
}

/// The settings form generated from a widget's `settings_template`: one editor per field, the focus,
/// the errors, and the checks and conversion that turn what was typed into the install body.
public struct SettingsForm: Hashable, Sendable {
    /// The widget being installed or reconfigured.
    public var code: String
    /// True for `e` (reconfigure an installed widget), false for `i` (install).
    public var isReconfigure: Bool
    /// One field per `settings_template` entry, in template order.
    public var fields: [FormField]
    /// Index into `slots` of the focused text box.
    public var focus: Int = 0
    /// The one secret box shown in clear (the focused one after ^R); moving on hides it again.
    public var revealed: Slot?
    /// Where the form's values come from (the prefill's source), or the warning that nothing is known.
    public var notice: String?
    /// The server's errors that name no field (a 400's unplaced paths); cleared by the next ^S.
    public var errorNotice: String?
    /// Draw `notice` as an error (the reconfigure would replace settings nobody here has seen).
    public var noticeIsWarning = false
    /// The settings the form was prefilled from; ^S sends them with the edits on top. Nil: none
    /// known (a reconfigure then asks before replacing them all).
    public var base: KnownSettings?
    /// The id of the running install request, while one runs.
    public var submittingRequest: Int?
    /// What the boxes held when the form opened, to tell whether anything changed.
    private var initialText: [[String]] = []

    /// A form for `template`, prefilled from `settings` (server settings, a sent record or a backup).
    public init(code: String, template: [SettingsField], settings: [String: JSONValue]?, users: UsersAvailability, isReconfigure: Bool) {
        self.code = code
        self.isReconfigure = isReconfigure
        fields = template.map { field in
            let value = settings?[field.key]
            let editor: FieldEditor
            switch field.type {
            case .users, .usersLP:
                editor = .users(rows: [], freeEntry: false)
            case .custom:
                editor = .line(LineEditor(value.map(SettingsValues.jsonText) ?? ""))
            default:
                editor = .line(LineEditor(value.map(SettingsValues.plainText) ?? ""))
            }
            return FormField(key: field.key, name: field.name, type: field.type, isRequired: field.isRequired, editor: editor)
        }
        for i in fields.indices { Self.layOutUsers(&fields[i], users: users, prefill: settings?[fields[i].key]) }
        initialText = texts
        focus = 0
    }

    /// True when any field uses the account's users.
    public var needsUsers: Bool { fields.contains { $0.type == .users || $0.type == .usersLP } }

    /// True when something differs from what the form opened with.
    public var isChanged: Bool { texts != initialText }

    /// Every focusable text box, in Tab order.
    public var slots: [Slot] {
        var out: [Slot] = []
        for (f, field) in fields.enumerated() {
            switch field.editor {
            case .line: out.append(Slot(field: f, row: 0, cell: 0))
            case .users(let rows, _):
                for (r, row) in rows.enumerated() {
                    for c in row.cells.indices { out.append(Slot(field: f, row: r, cell: c)) }
                }
            }
        }
        return out
    }

    /// The focused box, if the form has any.
    public var focusedSlot: Slot? {
        let all = slots
        return all.isEmpty ? nil : all[min(max(0, focus), all.count - 1)]
    }

    /// The editor in `slot`.
    public func editor(at slot: Slot) -> LineEditor? {
        guard slot.field < fields.count else { return nil }
        switch fields[slot.field].editor {
        case .line(let e): return e
        case .users(let rows, _):
            guard slot.row < rows.count, slot.cell < rows[slot.row].cells.count else { return nil }
            return rows[slot.row].cells[slot.cell]
        }
    }

    /// True when `slot` holds a secret that is drawn masked right now.
    public func isMasked(_ slot: Slot) -> Bool {
        guard slot.field < fields.count, revealed != slot else { return false }
        let field = fields[slot.field]
        if case .users(_, let free) = field.editor { return field.isSecret(cell: slot.cell, freeEntry: free) }
        return field.isSecret(cell: 0, freeEntry: false)
    }

    /// Moves the focus by `delta` boxes, wrapping around; hides a revealed secret.
    public mutating func moveFocus(_ delta: Int) {
        let count = slots.count
        guard count > 0 else { return }
        focus = ((focus + delta) % count + count) % count
        revealed = nil
    }

    /// Moves the focus by `delta` boxes without wrapping (PgDn / PgUp: a screen at a time).
    public mutating func moveFocusClamped(_ delta: Int) {
        let count = slots.count
        guard count > 0 else { return }
        focus = min(count - 1, max(0, focus + delta))
        revealed = nil
    }

    /// Required fields that are still empty, in form order (said in the title band).
    public var emptyRequired: [FormField] {
        fields.filter { field in
            guard field.isRequired else { return false }
            switch field.editor {
            case .line(let e): return e.text.trimmingCharacters(in: .whitespaces).isEmpty
            case .users(let rows, _): return rows.allSatisfy { $0.cells.allSatisfy(\.isEmpty) }
            }
        }
    }

    /// Focuses the first box of the next required field that is still empty after the focused one
    /// (wrapping); false when none is empty.
    @discardableResult
    public mutating func focusNextEmptyRequired() -> Bool {
        let empty = Set(emptyRequired.map(\.key))
        let all = slots
        guard !empty.isEmpty, !all.isEmpty else { return false }
        for step in 1...all.count {
            let i = (focus + step) % all.count
            if empty.contains(fields[all[i].field].key) && all[i].row == 0 && all[i].cell == 0 {
                focus = i
                revealed = nil
                return true
            }
        }
        return false
    }

    /// Shows or hides the focused box's secret (only secrets can be revealed).
    public mutating func toggleReveal() {
        guard let slot = focusedSlot else { return }
        if revealed == slot { revealed = nil; return }
        if isMasked(slot) { revealed = slot }
    }

    /// Replaces the text of the box at `slot` (the caret at its end).
    public mutating func setText(_ text: String, at slot: Slot) {
        guard slot.field < fields.count else { return }
        switch fields[slot.field].editor {
        case .line(var e):
            e.setText(text)
            fields[slot.field].editor = .line(e)
        case .users(var rows, let free):
            guard slot.row < rows.count, slot.cell < rows[slot.row].cells.count else { return }
            rows[slot.row].cells[slot.cell].setText(text)
            rows[slot.row].error = nil
            fields[slot.field].editor = .users(rows: rows, freeEntry: free)
        }
        fields[slot.field].error = nil
    }

    /// Gives an editing key to the focused box; returns false when the key is not an editing key.
    public mutating func edit(_ key: KeyEvent) -> Bool {
        guard let slot = focusedSlot else { return false }
        var consumed = false
        switch fields[slot.field].editor {
        case .line(var e):
            consumed = e.apply(key)
            fields[slot.field].editor = .line(e)
        case .users(var rows, let free):
            guard slot.row < rows.count, slot.cell < rows[slot.row].cells.count else { return false }
            consumed = rows[slot.row].cells[slot.cell].apply(key)
            if consumed { rows[slot.row].error = nil }
            fields[slot.field].editor = .users(rows: rows, freeEntry: free)
        }
        if consumed { fields[slot.field].error = nil }
        return consumed
    }

    /// Puts pasted text into the focused box, cleaned by `PastedText` (`custom` fields, which hold
    /// JSON, join the lines; every other box keeps the first line), the cursor after it. A secret box
    /// stays masked: nothing here reveals it. - Returns: the cleaned paste, or nil with no box to take it.
    public mutating func paste(_ raw: String) -> PastedText? {
        guard let slot = focusedSlot else { return nil }
        let pasted = PastedText(raw, policy: fields[slot.field].type == .custom && slot.row == 0 ? .joinLines : .firstLine)
        switch fields[slot.field].editor {
        case .line(var e):
            e.insert(pasted.text)
            fields[slot.field].editor = .line(e)
        case .users(var rows, let free):
            guard slot.row < rows.count, slot.cell < rows[slot.row].cells.count else { return nil }
            rows[slot.row].cells[slot.cell].insert(pasted.text)
            rows[slot.row].error = nil
            fields[slot.field].editor = .users(rows: rows, freeEntry: free)
        }
        fields[slot.field].error = nil
        return pasted
    }

    /// Adds an empty row to the focused free-entry users field (for more user ids than rows).
    public mutating func addUserRow() {
        guard let slot = focusedSlot, case .users(var rows, true) = fields[slot.field].editor else { return }
        rows.append(UserRow(userID: nil, name: "", cells: Array(repeating: LineEditor(), count: 1 + fields[slot.field].valueCells)))
        fields[slot.field].editor = .users(rows: rows, freeEntry: true)
    }

    /// Re-lays out the users fields once the users are known (or known to be unavailable), keeping
    /// everything already typed and the focus on the same box where it still exists.
    public mutating func updateUsers(_ users: UsersAvailability) {
        let before = focusedSlot
        for i in fields.indices {
            guard case .users = fields[i].editor else { continue }
            let typed = SettingsValues.typedUsers(fields[i])
            Self.layOutUsers(&fields[i], users: users, prefill: typed)
        }
        if let before, let index = slots.firstIndex(of: before) { focus = index }
        // What was typed before the users arrived is the user's work: keep comparing to the opening state.
        if !isChanged { initialText = texts }
    }

    /// The texts of every box, field by field (for change detection).
    var texts: [[String]] {
        fields.map { field in
            switch field.editor {
            case .line(let e): [e.text]
            case .users(let rows, _): rows.flatMap { row in row.cells.map(\.text) }.enumerated().compactMap { $0.element.isEmpty ? nil : "\($0.offset)=\($0.element)" }
            }
        }
    }

    /// Builds the users rows of `field` from `users`, filled from `prefill` (an object user id -> value).
    static func layOutUsers(_ field: inout FormField, users: UsersAvailability, prefill: JSONValue?) {
        guard field.type == .users || field.type == .usersLP else { return }
        let values = SettingsValues.userValues(prefill, type: field.type)
        let cellCount = field.valueCells
        switch users {
        case .loaded(let list):
            var rows = list.filter { $0.isActive || values[$0.id] != nil }.map { user in
                UserRow(userID: user.id, name: user.name, cells: (values[user.id] ?? Array(repeating: "", count: cellCount)).map { LineEditor($0) })
            }
            let listed = Set(list.map(\.id))
            for id in values.keys.sorted() where !listed.contains(id) {
                rows.append(UserRow(userID: id, name: "user \(id)", cells: (values[id] ?? []).map { LineEditor($0) }))
            }
            field.editor = .users(rows: rows, freeEntry: false)
        case .unavailable, .loading:
            var rows = values.keys.sorted().map { id in
                UserRow(userID: nil, name: "", cells: [LineEditor(String(id))] + (values[id] ?? []).map { LineEditor($0) })
            }
            while rows.count < max(2, values.count + 1) {
                rows.append(UserRow(userID: nil, name: "", cells: Array(repeating: LineEditor(), count: 1 + cellCount)))
            }
            field.editor = .users(rows: rows, freeEntry: true)
        }
    }
}
