import TmemCore

/// A file that a POSIX shell sources for variables, such as `/etc/default/grub`. Only the assignment forms whose
/// value can be read and rewritten without running a shell are accepted: `NAME="..."` without `$`, backquote or
/// backslash inside, `NAME='...'`, and `NAME=word`, each optionally after `export ` and followed by a `#` comment.
/// Anything else that assigns the variable (expansions, concatenated quotes, `+=`, a value spanning lines) makes
/// it unparseable, and tmemctl refuses to edit it.
public struct ShellVariableFile: Equatable, Sendable {
    public let text: String

    public enum Quote: String, Sendable, Codable { case double, single, none }

    public struct Assignment: Equatable, Sendable {
        public var value: String
        public var quote: Quote
        /// 0-based line of the assignment that counts (the last one).
        public var line: Int
        /// Text of the line before and after the value, quotes included in neither.
        var head: Substring
        var tail: Substring
    }

    public enum Lookup: Equatable, Sendable {
        case missing
        case assigned(Assignment)
        /// Line (1-based) and why it cannot be handled safely.
        case unparseable(line: Int, reason: String)
    }

    public init(_ text: String) { self.text = text }

    /// Split at `\n` only, so a CRLF file's lines end in `\r` (see `LosslessText.lines`).
    var lines: [Substring] { LosslessText.lines(text) }

    /// The assignment a shell would end up with (the last one), or why it cannot be known without a shell.
    public func lookup(_ name: String) -> Lookup {
        var result = Lookup.missing
        // Depth of multi-line compound commands (if/case/loops/braces): an assignment inside one may or may not run.
        var depth = 0
        for (n, line) in lines.enumerated() {
            var rest = line.drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix("#") { continue }
            let words = Self.commandWords(rest)
            if let w = words.first(where: { Self.runsOtherCode.contains($0) }) {
                // What `. FILE`, `source` or `eval` assign is unknown here; a later plain assignment still decides.
                result = .unparseable(line: n + 1, reason: "the file runs '\(w)', which may set \(name); tmemctl cannot tell what without a shell")
                continue
            }
            for w in words {
                if Self.opensBlock.contains(w) || w.hasSuffix("()") { depth += 1 }
                if Self.closesBlock.contains(w) { depth = max(0, depth - 1) }
            }
            if rest.hasPrefix("export ") { rest = rest.dropFirst(7).drop { $0 == " " || $0 == "\t" } }
            if rest.hasPrefix(name + "+=") { return .unparseable(line: n + 1, reason: "'+=' is not POSIX shell") }
            if depth > 0, rest.hasPrefix(name + "=") {
                result = .unparseable(line: n + 1, reason: "\(name) is assigned inside a compound command (if, case, a loop or a function), so whether it applies depends on the shell")
                continue
            }
            guard rest.hasPrefix(name + "=") else {
                if mentionsOutsideComment(line, name) {
                    result = .unparseable(line: n + 1, reason: "\(name) is used in a form tmemctl does not edit")
                }
                continue
            }
            let valueStart = rest.index(rest.startIndex, offsetBy: name.count + 1)
            // A CRLF line's `\r` is the line's end, not part of the value's word: the shell would keep it in the
            // value, where the kernel's parser takes it as whitespace. It stays in `tail`, so a rewrite keeps it.
            let body = line.hasSuffix("\r") ? line[..<line.index(before: line.endIndex)] : line
            switch Self.parseValue(body[valueStart...]) {
            case .success(let (value, quote, end)):
                result = .assigned(Assignment(value: value, quote: quote, line: n,
                                              head: line[..<valueStart], tail: line[end...]))
            case .failure(let reason):
                result = .unparseable(line: n + 1, reason: reason.message)
            }
        }
        return result
    }

    static let runsOtherCode: Set<Substring> = [".", "source", "eval", "exec"]
    static let opensBlock: Set<Substring> = ["if", "case", "for", "while", "until", "select", "function", "{", "("]
    static let closesBlock: Set<Substring> = ["fi", "esac", "done", "}", ")"]

    /// The first word of each simple command on a line (split at `;`, `&&`, `||`, `|`), up to a comment; quotes are
    /// not interpreted, which errs toward refusing.
    static func commandWords(_ line: Substring) -> [Substring] {
        let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        var words: [Substring] = []
        for command in code.split(whereSeparator: { $0 == ";" || $0 == "&" || $0 == "|" }) {
            if let w = command.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).first { words.append(w) }
        }
        return words
    }

    private func mentionsOutsideComment(_ line: Substring, _ name: String) -> Bool {
        let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        var i = code.startIndex
        while i < code.endIndex {
            if code[i...].hasPrefix(name) {
                let end = code.index(i, offsetBy: name.count)
                // Another variable whose name only starts the same (GRUB_CMDLINE_LINUX_DEFAULT vs GRUB_CMDLINE_LINUX).
                if let next = code[end...].first, next.isLetter || next.isNumber || next == "_" { i = end; continue }
                return true
            }
            i = code.index(after: i)
        }
        return false
    }

    struct Refusal: Error { var message: String }

    /// Parses the value at the start of `s`; returns it, its quoting and where the value's text ends.
    static func parseValue(_ s: Substring) -> Result<(String, Quote, Substring.Index), Refusal> {
        var value = ""
        var quote = Quote.none
        var i = s.startIndex
        if let q = s.first, q == "\"" || q == "'" {
            quote = q == "\"" ? .double : .single
            i = s.index(after: i)
            while i < s.endIndex, s[i] != q {
                if quote == .double, "$`\\".contains(s[i]) {
                    return .failure(Refusal(message: "the double-quoted value uses '\(s[i])' (expansion or escape)"))
                }
                value.append(s[i])
                i = s.index(after: i)
            }
            guard i < s.endIndex else { return .failure(Refusal(message: "the quoted value does not end on this line")) }
            i = s.index(after: i)
        } else {
            while i < s.endIndex, s[i] != " ", s[i] != "\t" {
                guard s[i].isLetter || s[i].isNumber || "._,=:/+-@%".contains(s[i]) else {
                    return .failure(Refusal(message: "the unquoted value contains '\(s[i])'"))
                }
                value.append(s[i])
                i = s.index(after: i)
            }
        }
        let rest = s[i...].drop { $0 == " " || $0 == "\t" }
        if !rest.isEmpty && !rest.hasPrefix("#") {
            return .failure(Refusal(message: "the value is followed by '\(rest.prefix(20))'"))
        }
        if rest.hasPrefix("#") && i < s.endIndex && s[i] == "#" {
            return .failure(Refusal(message: "'#' right after the value is part of the word, not a comment"))
        }
        return .success((value, quote, i))
    }

    /// The file with `name` set to `value`: the last assignment rewritten in its own quoting (an unquoted word
    /// becomes double-quoted), or `name="value"` appended when the file has none. nil when the current form is
    /// unparseable or `value` cannot be written in that quoting.
    public func assigning(_ name: String, _ value: String) -> String? {
        switch lookup(name) {
        case .unparseable: return nil
        case .missing:
            guard !value.contains(where: { "\"$`\\\n".contains($0) }) else { return nil }
            let eol = LosslessText.lineEnding(of: text)
            let endsInBreak = text.unicodeScalars.last == "\n"
            let base = text.isEmpty || endsInBreak ? text : text + eol
            return base + "\(name)=\"\(value)\"" + eol
        case .assigned(let a):
            let quoted: String
            switch a.quote {
            case .single:
                guard !value.contains("'"), !value.contains("\n") else { return nil }
                quoted = "'\(value)'"
            case .double, .none:
                guard !value.contains(where: { "\"$`\\\n".contains($0) }) else { return nil }
                quoted = "\"\(value)\""
            }
            var all = lines
            all[a.line] = Substring(String(a.head) + quoted + String(a.tail))
            return all.joined(separator: "\n")
        }
    }
}
