import Foundation
import Testing

/// Kernel paths live behind TmemHost's typed accessors (`ZramDevice.attributePath(named:_:)`,
/// `MemInfo.kernelPath`, ...): TmemControl and TmemCLI never spell one. A string literal that *is* a kernel path
/// (`"/dev/\(name)"`, `"sys/block/zram0"`, `"/proc/meminfo"`) or builds one by interpolation fails here.
/// Prose that merely names a file for the reader (help text, a hint) is not a path the code uses and is allowed.
@Suite struct KernelPathLiteralTests {
    /// Literals that must stay, each with its reason. Matched by file name and the literal's whole content.
    static let allowed: [(file: String, literal: String, reason: String)] = [
        ("ConfigSources.swift", "/dev/null", "systemd's masking convention: a drop-in that is a link to /dev/null masks its name"),
        ("UnifiedDiff.swift", "/dev/null", "diff's header for the missing side of a created or deleted file"),
    ]

    static var sources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
    }

    /// The contents of every string literal in Swift source, an interpolation kept as `\(` so that
    /// `"/dev/\(d)"` reads `/dev/\(`. Comments are skipped.
    static func stringLiterals(in source: String) -> [(line: Int, content: String)] {
        let c = Array(source.unicodeScalars)
        var out: [(Int, String)] = []
        var i = 0, line = 1
        // A stack of open literals (content, multi-line, start line) and, per interpolation, its paren depth.
        var literals: [(text: String, multi: Bool, line: Int)] = []
        var depth: [Int] = []
        func at(_ k: Int) -> Unicode.Scalar? { k < c.count ? c[k] : nil }
        while i < c.count {
            let ch = c[i]
            if ch == "\n" { line += 1 }
            let inString = literals.count > depth.count
            if inString {
                let multi = literals[literals.count - 1].multi
                if ch == "\\" {
                    if at(i + 1) == "(" {
                        literals[literals.count - 1].text += "\\("
                        depth.append(0)
                        i += 2
                        continue
                    }
                    if let n = at(i + 1) { literals[literals.count - 1].text.unicodeScalars.append(contentsOf: ["\\", n]) }
                    i += 2
                    continue
                }
                if ch == "\"" && (!multi || (at(i + 1) == "\"" && at(i + 2) == "\"")) {
                    let done = literals.removeLast()
                    out.append((done.line, done.text))
                    i += multi ? 3 : 1
                    continue
                }
                literals[literals.count - 1].text.unicodeScalars.append(ch)
                i += 1
                continue
            }
            // Code (at top level or inside an interpolation).
            if ch == "/" && at(i + 1) == "/" {
                while i < c.count && c[i] != "\n" { i += 1 }
                continue
            }
            if ch == "/" && at(i + 1) == "*" {
                i += 2
                while i < c.count && !(c[i] == "*" && at(i + 1) == "/") { if c[i] == "\n" { line += 1 }; i += 1 }
                i += 2
                continue
            }
            if ch == "\"" {
                let multi = at(i + 1) == "\"" && at(i + 2) == "\""
                literals.append(("", multi, line))
                i += multi ? 3 : 1
                continue
            }
            if !depth.isEmpty {
                if ch == "(" { depth[depth.count - 1] += 1 }
                if ch == ")" {
                    if depth[depth.count - 1] == 0 { depth.removeLast() } else { depth[depth.count - 1] -= 1 }
                }
            }
            i += 1
        }
        return out
    }

    static let kernelDirectory = #"/?(sys|proc|dev)/"#

    /// A literal that is a kernel path, or any literal that composes one by interpolation.
    static func spellsKernelPath(_ literal: String) -> Bool {
        if literal.range(of: "^" + kernelDirectory, options: .regularExpression) != nil { return true }
        return literal.range(of: #"(^|[^A-Za-z0-9_.-])"# + kernelDirectory + #"([A-Za-z0-9_.-]+/)*\\\("#,
                             options: .regularExpression) != nil
    }

    @Test func theScannerFindsWhatItLooksFor() {
        let bad = [#"let p = "/dev/\(name)""#, #"root.read("proc/cmdline")"#, #"x("sys/block/\(n)/mem_limit")"#,
                   #"print("swapoff /dev/\(d.name)")"#, #""a \("/sys/module/zswap")""#]
        for b in bad {
            #expect(Self.stringLiterals(in: b).contains { Self.spellsKernelPath($0.content) }, "not flagged: \(b)")
        }
        let fine = [#"// reads /proc/meminfo"#, #"help: "swap priority from /proc/swaps""#, #"let s = "zram\(id)""#,
                    #"throw X("use zramN or /dev/zramN")"#, "let t = \"\"\"\n  Reads /proc/cmdline.\n  \"\"\""]
        for f in fine {
            #expect(!Self.stringLiterals(in: f).contains { Self.spellsKernelPath($0.content) }, "flagged: \(f)")
        }
    }

    @Test(arguments: ["TmemControl", "TmemCLI"])
    func noKernelPathLiterals(_ target: String) throws {
        let dir = Self.sources.appendingPathComponent(target)
        let files = try #require(FileManager.default.enumerator(atPath: dir.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }.sorted()
        #expect(files.count > 20, "no sources found under \(dir.path)")
        var found: [String] = []
        for f in files {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            let name = (f as NSString).lastPathComponent
            for (line, literal) in Self.stringLiterals(in: text) where Self.spellsKernelPath(literal) {
                if Self.allowed.contains(where: { $0.file == name && $0.literal == literal }) { continue }
                found.append("\(target)/\(f):\(line): \"\(literal)\"")
            }
        }
        #expect(found.isEmpty, "kernel paths spelled outside TmemHost (use its typed accessors):\n\(found.joined(separator: "\n"))")
    }
}
