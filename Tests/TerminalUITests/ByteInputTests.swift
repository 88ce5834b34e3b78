import Testing
@testable import TerminalUI

/// Typing in a non-UTF-8 locale: the bytes `wgetch` returns become the characters a UTF-8 terminal
/// meant, so Cyrillic typed under LANG=C reaches the form instead of vanishing.
@Suite struct ByteInputTests {
    private func feed(_ bytes: [UInt8], into assembler: inout UTF8ByteAssembler) -> String {
        var scalars: [UInt32] = []
        for byte in bytes { scalars += assembler.feed(byte) }
        return String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
    }

    @Test func cyrillicAndASCIIInOneBatch() {
        var assembler = UTF8ByteAssembler()
        #expect(feed(Array("Привет, a1 ✓ 🙂".utf8), into: &assembler) == "Привет, a1 ✓ 🙂")
        #expect(!assembler.isWaiting)
    }

    @Test func aSequenceSplitAcrossReadsWaitsForItsLastByte() {
        var assembler = UTF8ByteAssembler()
        let bytes = Array("Ж".utf8)  // D0 96
        #expect(assembler.feed(bytes[0]).isEmpty)
        #expect(assembler.isWaiting)
        #expect(assembler.feed(bytes[1]) == [0x416])
        #expect(!assembler.isWaiting)
    }

    @Test func bytesThatAreNotUTF8AreKeptAsLatin1() {
        var assembler = UTF8ByteAssembler()
        // 0xE9 alone is "é" in Latin-1; followed by "a" it cannot be UTF-8.
        #expect(feed([0xE9, 0x61], into: &assembler) == "éa")
        // A stray continuation byte, and an overlong encoding of "/" (C0 AF: C0 never leads).
        #expect(assembler.feed(0xA9) == [0xA9])
        #expect(feed([0xC0, 0xAF], into: &assembler) == "\u{C0}\u{AF}")
        // A 3-byte lead cut short by ESC: the lead as Latin-1, then ESC itself.
        #expect(feed([0xE2, 0x1B], into: &assembler) == "\u{E2}\u{1B}")
    }

    @Test func flushGivesUpAnIncompleteSequence() {
        var assembler = UTF8ByteAssembler()
        _ = assembler.feed(0xD0)
        #expect(assembler.flush() == [0xD0])
        #expect(!assembler.isWaiting)
        #expect(assembler.flush().isEmpty)
    }

    @Test func surrogatesEncodedInUTF8AreNotCharacters() {
        var assembler = UTF8ByteAssembler()
        // ED A0 80 would be U+D800: invalid, so its three bytes come back as Latin-1.
        #expect(feed([0xED, 0xA0, 0x80], into: &assembler) == "\u{ED}\u{A0}\u{80}")
    }
}

/// In a UTF-8 locale a byte that is not UTF-8 is a replacement character, and the bytes after it
/// are kept (wget_wch would swallow them, and with them a paste's end marker).
@Suite struct ByteInputReplacementTests {
    @Test func brokenBytesBecomeReplacementCharactersAndNothingAfterThemIsLost() {
        var assembler = UTF8ByteAssembler(invalid: .replacement)
        var scalars: [UInt32] = []
        for byte in Array("a".utf8) + [0xFF, 0xFE] + Array("!\u{1B}[201~".utf8) + [0xD0] + Array("b".utf8) + [0xE2, 0x9C] {
            scalars += assembler.feed(byte)
        }
        scalars += assembler.flush()
        #expect(scalars == [0x61, 0xFFFD, 0xFFFD, 0x21, 0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E, 0xFFFD, 0x62, 0xFFFD, 0xFFFD])
        #expect(!assembler.isWaiting)
        // Overlong and surrogate encodings are not text either.
        for bad in [[0xC0, 0xAF], [0xED, 0xA0, 0x80]] as [[UInt8]] {
            var fresh = UTF8ByteAssembler(invalid: .replacement)
            let out = bad.flatMap { fresh.feed($0) } + fresh.flush()
            #expect(out.allSatisfy { $0 == 0xFFFD }, "\(bad)")
        }
    }
}
