import Testing
@testable import TmemHost

/// `asciiSplit` against the standard library's Character split, the behaviour the parsers had before: the same
/// pieces on hand-made edge cases and on this machine's own procfs files.
@Suite struct AsciiSplitTests {
    static func reference(_ s: String, _ c: Character, omitting: Bool) -> [Substring] {
        s.split(separator: c, omittingEmptySubsequences: omitting)
    }

    @Test(arguments: ["", "\n", "a", "a\n", "\na", "a\n\nb\n", "\n\n\n", "name 12\nother 3\n", "é ü\nx"])
    func theSamePiecesAsCharacterSplit(_ s: String) {
        for omitting in [true, false] {
            #expect(s.asciiSplit("\n", omittingEmptySubsequences: omitting) == Self.reference(s, "\n", omitting: omitting),
                    "\(s.debugDescription) omitting \(omitting)")
            #expect(s.asciiSplit(" ", omittingEmptySubsequences: omitting) == Self.reference(s, " ", omitting: omitting))
        }
        #expect(Array("a b  c".asciiSplit(" ")) == ["a", "b", "c"])
        #expect(Array("a b  c".asciiSplit(" ", omittingEmptySubsequences: false)) == ["a", "b", "", "c"])
    }

    /// Substrings split again (a line into fields), as the parsers do, on lines shaped like the kernel's.
    @Test func linesThenFields() {
        let text = "nr_free_pages 123456\nzswpout 7\n\n36 25 0:32 / /mnt/a\\040b rw,relatime shared:1 - tmpfs tmpfs rw\nMemTotal:       2014464 kB\n"
        let lines = text.asciiSplit("\n")
        #expect(lines == Self.reference(text, "\n", omitting: true) && lines.count == 4)
        for line in lines {
            #expect(line.asciiSplit(" ", omittingEmptySubsequences: false) == line.split(separator: " ", omittingEmptySubsequences: false))
            #expect(line.asciiSplit(" ") == line.split(separator: " "))
        }
    }
}
