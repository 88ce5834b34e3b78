import CNCurses
import Testing
import WidgetManager
@testable import TerminalUI

/// The stateful decoder: bracketed pastes and escape sequences split across reads, bounds and
/// timeouts. Time is passed in (ms), so every case is exact.
@Suite struct InputDecoderTests {
    private func chars(_ text: String) -> [RawInput] { text.unicodeScalars.map { .character($0.value) } }
    private static let start = "\u{1B}[200~", end = "\u{1B}[201~"

    /// Feeds `inputs` cut at `cuts` (indices), all at time 0, then expires far in the future.
    private func decode(_ inputs: [RawInput], cuts: [Int], decoder: InputDecoder = InputDecoder()) -> [InputEvent] {
        var decoder = decoder
        var events: [InputEvent] = []
        var from = 0
        for cut in cuts + [inputs.count] where cut >= from {
            events += decoder.feed(Array(inputs[from..<cut]), now: 0)
            from = cut
        }
        events += decoder.expire(now: 1_000_000)
        return events
    }

    @Test func aPasteIsOneEventWithEveryCharacterInIt() {
        let text = "line one\nline\ttwo\r\ny"
        var decoder = InputDecoder()
        let events = decoder.feed(chars("a" + Self.start + text + Self.end + "b"), now: 0)
        #expect(events == [.key(.char("a")), .paste(text), .key(.char("b"))])
        #expect(decoder.deadline == nil && !decoder.inPaste)
    }

    @Test func splitAtEveryBoundaryGivesTheSameEvents() {
        // Keys, a paste (with an ESC that is no marker, and Cyrillic), a CSI key, and Esc between.
        let stream = chars("x" + Self.start + "пароль\u{1B}[20x\nz" + Self.end + "\u{1B}[6~" + "q")
        let whole = decode(stream, cuts: [])
        #expect(whole == [.key(.char("x")), .paste("пароль\u{1B}[20x\nz"), .key(.pageDown), .key(.char("q"))])
        for cut in 0...stream.count {
            #expect(decode(stream, cuts: [cut]) == whole, "one cut at \(cut)")
        }
        // Byte by byte: every read holds one character.
        #expect(decode(stream, cuts: Array(1..<stream.count)) == whole)
        // Two cuts, every pair.
        for a in 0...stream.count {
            for b in a...stream.count where decode(stream, cuts: [a, b]) != whole {
                Issue.record("cuts at \(a) and \(b) differ")
            }
        }
    }

    @Test func aHeldEscapeWaitsForItsSequenceOrBecomesEscAfterTheTimeout() {
        var decoder = InputDecoder(heldTimeout: 40)
        #expect(decoder.feed(chars("\u{1B}["), now: 100).isEmpty)
        #expect(decoder.deadline == 140)
        #expect(decoder.feed(chars("A"), now: 110) == [.key(.up)])
        // A lone Esc: nothing until the deadline, then Esc; the next key is its own.
        #expect(decoder.feed(chars("\u{1B}"), now: 200).isEmpty)
        #expect(decoder.expire(now: 239).isEmpty)
        #expect(decoder.expire(now: 240) == [.key(.escape)])
        #expect(decoder.deadline == nil)
        // Esc then a key in the next read (quicker than the timeout): Esc, then the key.
        #expect(decoder.feed(chars("\u{1B}"), now: 300).isEmpty)
        #expect(decoder.feed(chars("k"), now: 310) == [.key(.escape), .key(.char("k"))])
        // A late rest of a sequence: the held part expired first, so "[A" is typed text.
        #expect(decoder.feed(chars("\u{1B}"), now: 400).isEmpty)
        #expect(decoder.feed(chars("[A"), now: 500) == [.key(.escape), .key(.char("[")), .key(.char("A"))])
    }

    @Test func aLostEndMarkerEndsThePasteAfterTheIdleTimeoutAndKeysWorkAgain() {
        var decoder = InputDecoder(pasteIdleTimeout: 500)
        #expect(decoder.feed(chars(Self.start + "half a paste"), now: 1000).isEmpty)
        #expect(decoder.inPaste && decoder.deadline == 1500)
        #expect(decoder.feed(chars(" more"), now: 1400).isEmpty)  // input moves the deadline
        #expect(decoder.deadline == 1900)
        #expect(decoder.expire(now: 1899).isEmpty)
        #expect(decoder.expire(now: 1900) == [.paste("half a paste more")])
        #expect(decoder.feed(chars("y"), now: 2000) == [.key(.char("y"))])
        // A key read after the deadline without a wake-up in between: the paste ends first.
        #expect(decoder.feed(chars(Self.start + "abc\u{1B}[20"), now: 3000).isEmpty)
        #expect(decoder.feed(chars("n"), now: 3600) == [.paste("abc\u{1B}[20"), .key(.char("n"))])
    }

    @Test func nestedStartMarkersAndStrayEndMarkersAreNotText() {
        var decoder = InputDecoder()
        #expect(decoder.feed(chars(Self.start + "a" + Self.start + "b" + Self.end), now: 0) == [.paste("ab")])
        // An end marker with no paste open is an unknown sequence: dropped, never typed.
        #expect(decoder.feed(chars("c" + Self.end + "d"), now: 0) == [.key(.char("c")), .key(.char("d"))])
        // An empty paste is still a paste (nothing typed, no keys).
        #expect(decoder.feed(chars(Self.start + Self.end), now: 0) == [.paste("")])
        // Garbage after ESC inside a paste is text; ESC ESC keeps the second as a possible marker.
        #expect(decoder.feed(chars(Self.start + "\u{1B}\u{1B}[201~"), now: 0) == [.paste("\u{1B}")])
    }

    @Test func aHugePasteIsCutAtTheLimitAndTheRestIsStillConsumed() {
        var decoder = InputDecoder(limit: 1000)
        let body = String(repeating: "0123456789", count: 500)  // 5000 characters
        var events: [InputEvent] = []
        let stream = chars(Self.start + body + Self.end + "k")
        var at = 0
        while at < stream.count {  // reads of 333: the end marker is split on the way
            events += decoder.feed(Array(stream[at..<min(stream.count, at + 333)]), now: 0)
            at += 333
        }
        #expect(events == [.paste(String(body.prefix(1000))), .key(.char("k"))])
    }

    @Test func theDefaultLimitIsTheProgramContracts() {
        #expect(InputDecoder().limit == TerminalEvent.pasteLimit)
        var decoder = InputDecoder()
        let big = chars(Self.start + String(repeating: "x", count: TerminalEvent.pasteLimit + 10) + Self.end)
        let events = decoder.feed(big, now: 0)
        guard case .paste(let text)? = events.first else { Issue.record("no paste: \(events.count) events"); return }
        #expect(text.unicodeScalars.count == TerminalEvent.pasteLimit)
    }

    @Test func keyCodesInsideAPasteAreDroppedButAResizeCounts() {
        var decoder = InputDecoder()
        let inputs = chars(Self.start + "a") + [.keyCode(KEY_UP), .keyCode(KEY_RESIZE)] + chars("b" + Self.end)
        #expect(decoder.feed(inputs, now: 0) == [.resize, .paste("ab")])
    }

    @Test func codesThatAreNoScalarsBecomeReplacementCharacters() {
        var decoder = InputDecoder()
        // A surrogate (no Unicode scalar) and Latin-1 bytes as the byte assembler passes them on.
        let inputs = chars(Self.start + "a") + [.character(0xD800), .character(0xFF), .character(0x110000)] + chars(Self.end)
        #expect(decoder.feed(inputs, now: 0) == [.paste("a\u{FFFD}\u{FF}\u{FFFD}")])
    }

    @Test func withoutBracketsTextStillArrivesAsKeys() {
        var decoder = InputDecoder()
        #expect(decoder.feed(chars("ab\n"), now: 0) == [.key(.char("a")), .key(.char("b")), .key(.enter)])
        #expect(decoder.deadline == nil)
        // A long unknown CSI (no final byte within the bound) is not held forever.
        let long = chars("\u{1B}[" + String(repeating: "1;", count: 40))
        #expect(!decoder.feed(long, now: 0).isEmpty)
        #expect(decoder.deadline == nil)
    }

    @Test func randomStreamsDecodeTheSameHoweverTheyAreSplit() {
        // Streams of pieces that stress the decoder: markers, their prefixes, CSI keys, text, key codes.
        let pieces: [[RawInput]] = [
            chars("a"), chars("й"), chars("\n"), chars("\u{1B}"), chars("["), chars("2"), chars("0"), chars("1"),
            chars("~"), chars("O"), chars(Self.start), chars(Self.end), chars("\u{1B}[A"), chars("\u{1B}[6~"),
            chars("\u{1B}[20"), [.keyCode(KEY_UP)], [.keyCode(KEY_RESIZE)], [.character(0xFFFD)],
        ]
        var seed: UInt64 = 0x2004
        func next(_ n: Int) -> Int {  // SplitMix64
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
        for _ in 0..<1500 {
            var stream: [RawInput] = []
            for _ in 0..<next(40) { stream += pieces[next(pieces.count)] }
            let small = InputDecoder(limit: 8)
            let whole = decode(stream, cuts: [], decoder: small)
            let cuts = (0..<next(6)).map { _ in next(stream.count + 1) }.sorted()
            let split = decode(stream, cuts: cuts, decoder: small)
            #expect(split == whole, "cuts \(cuts) of \(stream)")
            for case .paste(let text) in whole { #expect(text.unicodeScalars.count <= 8) }
        }
    }
}
