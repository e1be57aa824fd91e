import Testing
import TmemCore

/// Issue 10, items 5 and 6: any bytes survive decode → encode, and lines split at `\n` only.
@Suite struct LosslessTextTests {
    @Test func everyByteSequenceRoundTrips() {
        var samples: [[UInt8]] = [
            [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],  // overlong, surrogate, > U+10FFFF, cut
            Array("\u{F700}\u{F7FF}".utf8),  // the escape range itself, valid UTF-8
            Array("Grüße\r\n".utf8) + [0xE9, 0x0A],
            (0...255).map { UInt8($0) },
        ]
        var rng = SplitMix(seed: 10)
        for _ in 0..<200 { samples.append((0..<Int(rng.next() % 40)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }) }
        for s in samples { #expect(LosslessText.encode(LosslessText.decode(s)) == s, "\(s)") }
    }

    @Test func validUTF8ReadsAsItself() {
        #expect(LosslessText.decode(Array("quiet Grüße".utf8)) == "quiet Grüße")
        #expect(LosslessText.decode([0x61, 0xE9, 0x62]).unicodeScalars.map(\.value) == [0x61, 0xF7E9, 0x62])
    }

    @Test func crlfLinesKeepTheirCarriageReturn() {
        #expect(LosslessText.lines("# a\r\nB=1\r\n") == ["# a\r", "B=1\r", ""])
        #expect(LosslessText.lines("x") == ["x"])
        #expect(LosslessText.lineEnding(of: "a\r\nb\n") == "\r\n")
        #expect(LosslessText.lineEnding(of: "a\nb\r\n") == "\n")
        #expect("ro quiet\r\n".trimmingWhitespace() == "ro quiet")
    }

    /// A tiny deterministic generator (SplitMix64), so the samples are the same on every run.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
