/// A kernel command line as text, with edits that touch only the parameters they name: every other byte
/// (spacing, order, quoting, init's arguments after `--`) stays as it was. Tokens follow the kernel's
/// `next_arg`: whitespace separates them except inside double quotes; names compare with `-` and `_` equal
/// (`parameq`); for a parameter given twice the last one is the one the kernel keeps.
public struct KernelCommandLine: Equatable, Sendable {
    public let text: String

    public struct Parameter: Equatable, Sendable {
        /// As written, e.g. `zswap.max_pool_percent`.
        public var name: String
        /// nil for a bare flag such as `quiet`; surrounding double quotes removed.
        public var value: String?
        /// Byte offsets of the whole token in `text`.
        var range: Range<Int>
    }

    public init(_ text: String) { self.text = text }

    /// Kernel parameters in order, up to (not including) a `--` token.
    public var parameters: [Parameter] {
        let bytes = Array(text.utf8)
        var out: [Parameter] = []
        var i = 0
        while i < bytes.count {
            while i < bytes.count, Self.isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count else { break }
            let start = i
            var quoted = false
            while i < bytes.count, quoted || !Self.isSpace(bytes[i]) {
                if bytes[i] == UInt8(ascii: "\"") { quoted.toggle() }
                i += 1
            }
            let token = String(decoding: bytes[start..<i], as: UTF8.self)
            if token == "--" { break }
            var name = token
            var value: String?
            if let eq = token.firstIndex(of: "=") {
                name = String(token[..<eq])
                var v = String(token[token.index(after: eq)...])
                if v.count >= 2, v.hasPrefix("\""), v.hasSuffix("\"") { v = String(v.dropFirst().dropLast()) }
                value = v
            }
            out.append(Parameter(name: name, value: value, range: start..<i))
        }
        return out
    }

    public static func sameName(_ a: String, _ b: String) -> Bool {
        canonical(a) == canonical(b)
    }

    /// The name with dashes as underscores, the spelling sysfs shows.
    public static func canonical(_ name: String) -> String { String(name.map { $0 == "-" ? "_" : $0 }) }

    /// The value the kernel would use: the last occurrence's.
    public func value(of name: String) -> String? {
        parameters.last { Self.sameName($0.name, name) }?.value
    }

    /// Every parameter whose name starts with one of the prefixes (`zswap.`), last occurrence winning.
    public func values(prefixes: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for p in parameters where prefixes.contains(where: { p.name.hasPrefix($0) }) {
            out[Self.canonical(p.name)] = p.value ?? ""
        }
        return out
    }

    /// `name=value` in place of the first occurrence (later duplicates removed), or appended after the last
    /// kernel parameter (before `--`) when there is none.
    public func setting(_ name: String, to value: String) -> KernelCommandLine {
        let matches = parameters.filter { Self.sameName($0.name, name) }
        var bytes = Array(text.utf8)
        let token = Array("\(name)=\(value)".utf8)
        if let first = matches.first {
            for m in matches.dropFirst().reversed() { bytes.removeSubrange(Self.removalRange(m.range, in: bytes)) }
            bytes.replaceSubrange(first.range, with: token)
        } else {
            let end = parameters.last?.range.upperBound ?? 0
            let insert = end == 0 ? token + (bytes.contains { !Self.isSpace($0) } ? [UInt8(ascii: " ")] : [])
                                  : [UInt8(ascii: " ")] + token
            bytes.insert(contentsOf: insert, at: end)
        }
        return KernelCommandLine(String(decoding: bytes, as: UTF8.self))
    }

    /// Every occurrence of `name` removed, with the whitespace that separated it.
    public func removing(_ name: String) -> KernelCommandLine {
        var bytes = Array(text.utf8)
        for m in parameters.filter({ Self.sameName($0.name, name) }).reversed() {
            bytes.removeSubrange(Self.removalRange(m.range, in: bytes))
        }
        return KernelCommandLine(String(decoding: bytes, as: UTF8.self))
    }

    /// The token plus the spaces before it, or after it when it opens the line.
    static func removalRange(_ r: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var lo = r.lowerBound
        while lo > 0, bytes[lo - 1] == UInt8(ascii: " ") || bytes[lo - 1] == UInt8(ascii: "\t") { lo -= 1 }
        if lo > 0 { return lo..<r.upperBound }
        var hi = r.upperBound
        while hi < bytes.count, bytes[hi] == UInt8(ascii: " ") || bytes[hi] == UInt8(ascii: "\t") { hi += 1 }
        return r.lowerBound..<hi
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}
