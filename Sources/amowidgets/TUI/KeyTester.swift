import TerminalUI
import WidgetManager

/// `amowidgets --debug-keys` (hidden): a diagnostic screen showing how each key press decodes
/// (`KeyEvent`), each bracketed paste (its length and a cleaned start), the terminal size after
/// resizes, and a line that echoes typed text with the cursor
/// after it — to check a terminal, locale or SSH client. Ctrl-C quits. No network, no effects.
struct KeyTester: Program {
    enum Effect: ProgramEffect {
        var supersedes: String? { nil }
        var cancels: String? { nil }
    }
    typealias Message = Never

    struct Performer: EffectPerformer {
        func perform(_ effect: Effect) async -> Never {}
    }

    private(set) var isFinished = false
    private var events: [String] = []
    private var typed = ""
    private var size = (width: 0, height: 0)

    mutating func start(width: Int, height: Int) -> [Effect] {
        handle(.resize(width: width, height: height))
    }

    mutating func handle(_ event: TerminalEvent) -> [Effect] {
        switch event {
        case .resize(let width, let height):
            size = (width, height)
            record("resize \(width)x\(height)")
        case .key(.ctrl("c")):
            isFinished = true
        case .paste(let text):
            // Counts and a cleaned start: the raw text may hold control characters (never drawn).
            let shown = TextSanitizer.clean(text.prefix(40))
            record("paste \(text.unicodeScalars.count) scalars, \(text.utf8.count) bytes: \(shown)")
        case .edited:
            break  // the key tester asks for no editor
        case .key(let key):
            record("key \(key)")
            switch key {
            case .char(let ch): typed.append(ch)
            case .backspace: if !typed.isEmpty { typed.removeLast() }
            default: break
            }
        }
        return []
    }

    mutating func receive(_ message: Never) -> [Effect] {}

    func render(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        canvas.fill(x: 0, y: 0, width: width, height: 1, style: Style(.title))
        canvas.put("amowidgets key test ─ \(width)x\(height) ─ Ctrl-C quits", x: 1, y: 0, style: Style(.title))
        canvas.put("typed: \(typed)", x: 1, y: 2, style: Style(.accent))
        let shown = events.suffix(max(0, height - 4))
        for (offset, line) in shown.enumerated() { canvas.put(line, x: 1, y: 4 + offset) }
        return canvas
    }

    func cursor(width: Int, height: Int) -> (x: Int, y: Int)? {
        height > 2 ? (x: 1 + DisplayWidth.of("typed: \(typed)"), y: 2) : nil
    }

    private mutating func record(_ line: String) {
        events.append(line)
        if events.count > 200 { events.removeFirst(events.count - 200) }
    }
}
