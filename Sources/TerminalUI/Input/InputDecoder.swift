import CNCurses
import WidgetManager

/// The loop's decoder: `KeyDecoder` plus the state that must outlive one wake-up — a bracketed
/// paste (`ESC[200~` … `ESC[201~`, xterm mode 2004) that arrives over several reads, and an escape
/// sequence cut by the end of a read.
///
/// - A paste becomes one `.paste(text)` event, never keys: a pasted Enter or `y` does nothing on its
///   own. Key codes curses decoded inside a paste are dropped (a resize still counts).
/// - An incomplete sequence at the end of a read (`ESC`, `ESC [ 2 0`...) is held until the next read
///   completes it, or for `heldTimeout` ms at most; then it is decoded as it stands (an Esc key).
/// - A paste whose end marker never comes (lost, or a broken terminal) ends after `pasteIdleTimeout`
///   ms without input and is delivered as it stands, so later keys are keys again; a paste longer
///   than `limit` scalars is cut (the rest read and dropped). A stray end marker is dropped.
///
/// Pure (the caller passes the time in ms from a monotonic clock), so tests feed it byte by byte.
public struct InputDecoder {
    /// Most scalars of one paste kept (`TerminalEvent.pasteLimit` in the loop).
    public let limit: Int
    /// How long an incomplete sequence waits for its end, in ms. curses has already waited its own
    /// ESCDELAY (25 ms) for the bytes after an ESC, so this is rarely reached except for a lone Esc.
    public let heldTimeout: UInt64
    /// How long a paste may go without input before it is taken as ended, in ms.
    public let pasteIdleTimeout: UInt64

    private var held: [RawInput] = []
    private var heldSince: UInt64 = 0
    private var paste: PasteCollector?
    private var pasteLastInput: UInt64 = 0

    /// - Parameters: see the properties of the same names.
    public init(limit: Int = TerminalEvent.pasteLimit, heldTimeout: UInt64 = 40, pasteIdleTimeout: UInt64 = 500) {
        self.limit = limit
        self.heldTimeout = heldTimeout
        self.pasteIdleTimeout = pasteIdleTimeout
    }

    /// True while a paste is being read.
    public var inPaste: Bool { paste != nil }

    /// When (ms, the callers' clock) `expire` has something to do; nil when nothing waits. The loop
    /// polls no longer than this.
    public var deadline: UInt64? {
        if paste != nil { return pasteLastInput + pasteIdleTimeout }
        if !held.isEmpty { return heldSince + heldTimeout }
        return nil
    }

    /// Decodes one read's raw input at time `now` (ms), after first expiring what waited too long.
    public mutating func feed(_ inputs: [RawInput], now: UInt64) -> [InputEvent] {
        var events = expire(now: now)
        guard !inputs.isEmpty else { return events }
        let stream = held + inputs
        held = []
        var index = 0
        while index < stream.count {
            if paste != nil {
                pasteLastInput = now
                index = readPaste(stream, from: index, into: &events)
            } else {
                index = readKeys(stream, from: index, now: now, into: &events)
            }
        }
        return events
    }

    /// Gives up what waited past its deadline: a held sequence becomes keys, an unfinished paste is
    /// delivered as it stands. - Returns: the events that produces (none before the deadline).
    public mutating func expire(now: UInt64) -> [InputEvent] {
        if var collector = paste, now >= pasteLastInput + pasteIdleTimeout {
            paste = nil
            return [.paste(collector.finish())]
        }
        if !held.isEmpty, now >= heldSince + heldTimeout {
            defer { held = [] }
            return KeyDecoder.decode(held)
        }
        return []
    }

    /// Keys from `stream[start...]` up to a paste's start marker (index just past it) or the end.
    private mutating func readKeys(_ stream: [RawInput], from start: Int, now: UInt64, into events: inout [InputEvent]) -> Int {
        var i = start
        while i < stream.count {
            guard case .character(27) = stream[i] else { i += 1; continue }
            switch KeyDecoder.escapeTail(stream, from: i + 1) {
            case .sequence(let end):
                if Self.isStartMarker(stream[i..<end]) {
                    events += KeyDecoder.decode(Array(stream[start..<i]))
                    paste = PasteCollector(limit: limit)
                    pasteLastInput = now
                    return end
                }
                i = end
            case .incomplete:
                events += KeyDecoder.decode(Array(stream[start..<i]))
                held = Array(stream[i...])
                heldSince = now
                return stream.count
            case .none:
                i += 1
            }
        }
        events += KeyDecoder.decode(Array(stream[start...]))
        return stream.count
    }

    /// Paste text from `stream[start...]`; returns the index just past the end marker, or the end.
    private mutating func readPaste(_ stream: [RawInput], from start: Int, into events: inout [InputEvent]) -> Int {
        guard var collector = paste else { return start }
        paste = nil  // one owner of the text while it grows (no copy per read)
        var i = start
        while i < stream.count {
            let input = stream[i]
            i += 1
            switch input {
            case .keyCode(let code):
                if code == KEY_RESIZE { events.append(.resize) }
            case .character(let c):
                if collector.feed(c) {
                    events.append(.paste(collector.finish()))
                    return i
                }
            }
        }
        paste = collector
        return i
    }

    private static func isStartMarker(_ sequence: ArraySlice<RawInput>) -> Bool {
        sequence.count == PasteCollector.startMarker.count
            && zip(sequence, PasteCollector.startMarker).allSatisfy { $0 == .character($1) }
    }
}
