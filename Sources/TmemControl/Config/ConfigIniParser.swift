/// One `key = value` of an INI file, with the section it is in and the line its key starts on.
public struct ConfigIniProperty: Equatable, Sendable {
    /// nil for a key before the first section header.
    public var section: String?
    public var key: String
    public var value: String
    /// 1-based.
    public var line: Int
}

public struct ConfigIniError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// zram-generator's INI dialect: rust-ini 0.18 with its default parse options (quotes and backslash escapes on,
/// no inline comments), read the same way so a file means the same to both tools:
/// - `;` and `#` start a comment only in the first column; an indented or trailing comment is an error
///   before a key, and part of the value after `=`;
/// - `:` separates key and value as `=` does; text without either joins the next line's key;
/// - a value starting with `"` or `'` runs to the matching quote (across lines), then to the end of the line;
/// - `\n`, `\t`, `\r`, `\0`, `\a`, `\b`, `\xHHHH`, backslash-newline (a continuation) and `\c` (c itself);
/// - keys, values and section names are trimmed of Unicode whitespace; a UTF-8 byte-order mark is skipped.
struct ConfigIniParser {
    private let scalars: [Unicode.Scalar]
    private var at = 0
    /// rust-ini's column: characters since the last newline, the current one included.
    private var column = 1
    private var line = 1

    init(_ text: String) {
        var s = Array(text.unicodeScalars)
        if s.first == "\u{FEFF}" { s.removeFirst() }
        scalars = s
    }

    private var current: Unicode.Scalar? { at < scalars.count ? scalars[at] : nil }

    private mutating func bump() {
        guard at < scalars.count else { return }
        at += 1
        if let c = current {
            if c == "\n" { line += 1; column = 0 } else { column += 1 }
        }
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }

    private mutating func skipWhitespace() {
        while let c = current, Self.isSpace(c) { bump() }
    }

    private mutating func skipWhitespaceExceptLineBreak() {
        while let c = current, Self.isSpace(c), c != "\n", c != "\r" { bump() }
    }

    private func error(_ message: String) -> ConfigIniError {
        // rust-ini counts the line of the character it stopped on; a newline itself belongs to the line it ends.
        ConfigIniError(line: current == "\n" ? line - 1 : line, message: message)
    }

    static func trim(_ s: String) -> String {
        var u = Substring(s).unicodeScalars[...]
        while let f = u.first, isSpace(f) { u = u.dropFirst() }
        while let l = u.last, isSpace(l) { u = u.dropLast() }
        return String(String.UnicodeScalarView(u))
    }

    mutating func parse() throws(ConfigIniError) -> (sections: [(name: String, line: Int)], properties: [ConfigIniProperty]) {
        var sections: [(name: String, line: Int)] = []
        var properties: [ConfigIniProperty] = []
        var key = ""
        var keyLine = 0
        var section: String?
        skipWhitespace()
        while let c = current {
            switch c {
            case ";", "#":
                if column > 1 { throw error("a comment must start in the first column (no inline or indented comments)") }
                while let d = current { bump(); if d == "\n" { break } }
            case "[":
                let startLine = line
                bump()
                let name = Self.trim(try readUntil(["]"], what: "']' closing the section header"))
                section = name
                sections.append((name, startLine))
                bump()
            case "=", ":":
                if key.isEmpty { throw error("'\(c)' without a key before it") }
                let value = Self.trim(try readValue())
                properties.append(ConfigIniProperty(section: section, key: key, value: value, line: keyLine))
                key = ""
            default:
                keyLine = line
                key = Self.trim(try readUntil(["=", ":"], what: "'=' after the key"))
            }
            skipWhitespace()
        }
        if !key.isEmpty { throw error("'\(key)' has no '=' and no value") }
        return (sections, properties)
    }

    private mutating func readValue() throws(ConfigIniError) -> String {
        bump()
        skipWhitespaceExceptLineBreak()
        guard let c = current else { return "" }
        if c == "\"" || c == "'" {
            bump()
            let quoted = try readUntil([c], what: "the closing \(c)")
            bump()
            return quoted + (try readUntil(["\n", "\r"], what: "", endOK: true))
        }
        return try readUntil(["\n", "\r"], what: "", endOK: true)
    }

    private mutating func readUntil(_ ends: Set<Unicode.Scalar>, what: String,
                                    endOK: Bool = false) throws(ConfigIniError) -> String {
        var out = String.UnicodeScalarView()
        while true {
            guard let c = current else {
                if endOK { break }
                throw error("the file ends before \(what)")
            }
            if ends.contains(c) { break }
            if c == "\\" {
                bump()
                guard let e = current else { throw error("the file ends after a backslash") }
                switch e {
                case "0": out.append("\0")
                case "a": out.append("\u{07}")
                case "b": out.append("\u{08}")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "n": out.append("\n")
                case "\n": break
                case "x":
                    var hex = ""
                    for _ in 0..<4 {
                        bump()
                        guard var h = current else { throw error("the file ends inside a \\x escape") }
                        if h == "\\" {
                            bump()
                            guard current == "\n" else { throw error("a \\x escape is broken by a backslash") }
                            h = "\n"
                        }
                        hex.unicodeScalars.append(h)
                    }
                    guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                        throw error("\\x\(hex) is not a character (\\x takes four hex digits)")
                    }
                    out.append(scalar)
                default: out.append(e)
                }
            } else {
                out.append(c)
            }
            bump()
        }
        return String(out)
    }
}
