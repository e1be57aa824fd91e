/// Prose and source-code text for the built-in corpus: real words and identifiers from small vocabularies,
/// so the text compresses like text (repeated words, short distances), not like random letters.
enum TextSynth {
    static let words: [String] = """
    the of and to in is that for it as was with be by on not he this are or his from at which but have an \
    they you were her she there been one all we their has would when if so no will more can out up into do \
    any your what some time memory page kernel swap device compressed pool store system process cache write \
    read value number first other new data file between under about while because through where before
    """.split(separator: " ").map(String.init)

    static let identifiers: [String] = """
    index count value result buffer length offset page size pool entry handle error state next prev node \
    list map key item total limit flags data ptr ctx config request response stream reader writer
    """.split(separator: " ").map(String.init)

    static let codeTemplates: [String] = [
        "let # = @(#, #)", "if # < # {", "}", "return #", "for # in 0..<# {", "    # += #",
        "static int @(struct # *#, size_t #);", "#->#[#] = #;", "// @ the # before #", "case .#: return #",
        "guard let # = #.# else { throw .# }", "#include <linux/#.h>", "var #: [Int] = []", "} else {",
    ]

    static func writeProse(into page: UnsafeMutableRawBufferPointer, start: Int, rng: inout SplitMix64) {
        var out = Writer(page: page, at: start)
        var column = 0
        while !out.full {
            let word = words[Int(rng.next() % UInt64(words.count))]
            out.write(word)
            column += word.utf8.count + 1
            if rng.next() % 12 == 0 { out.write(rng.next() % 2 == 0 ? "." : ",") }
            if column > 64 + Int(rng.next() % 12) {
                out.write("\n")
                column = 0
            } else {
                out.write(" ")
            }
        }
    }

    static func writeCode(into page: UnsafeMutableRawBufferPointer, start: Int, rng: inout SplitMix64) {
        var out = Writer(page: page, at: start)
        var indent = Int(rng.next() % 3)
        while !out.full {
            let template = codeTemplates[Int(rng.next() % UInt64(codeTemplates.count))]
            if template.hasPrefix("}") { indent = max(0, indent - 1) }
            out.write(String(repeating: "    ", count: indent))
            for ch in template {
                switch ch {
                case "#": out.write(identifiers[Int(rng.next() % UInt64(identifiers.count))])
                case "@": out.write(identifiers[Int(rng.next() % UInt64(identifiers.count))] + "_" + identifiers[Int(rng.next() % 8)])
                default: out.write(String(ch))
                }
            }
            out.write("\n")
            if template.hasSuffix("{") { indent = min(indent + 1, 4) }
        }
    }

    /// Appends UTF-8 to a page until it is full (the last word is cut at the page end).
    struct Writer {
        let page: UnsafeMutableRawBufferPointer
        var at: Int
        init(page: UnsafeMutableRawBufferPointer, at: Int) { self.page = page; self.at = at }
        var full: Bool { at >= page.count }
        mutating func write(_ s: String) {
            for b in s.utf8 {
                if at >= page.count { return }
                page[at] = b
                at += 1
            }
        }
    }
}
