import TmemCore

/// `options MODULE PARAM=VALUE ...` lines of modprobe.d(5) files: reading them for one module, and editing the
/// one file tmemctl owns. Module names compare with `-` and `_` equal; `#` starts a comment line; a trailing
/// backslash continues a line.
public enum ModprobeOptions {
    /// PARAM → VALUE from every `options MODULE` line of `text`, later lines winning.
    public static func options(for module: String, in text: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in logicalLines(text) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count >= 2, words[0] == "options",
                  KernelCommandLine.sameName(String(words[1]), module) else { continue }
            for w in words.dropFirst(2) {
                let kv = w.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                out[KernelCommandLine.canonical(String(kv[0]))] = kv.count > 1 ? String(kv[1]) : ""
            }
        }
        return out
    }

    static func logicalLines(_ text: String) -> [String] {
        var out: [String] = []
        var pending = ""
        for line in LosslessText.lines(text) {
            // kmod splits words at spaces and tabs only; a CRLF file's `\r` is taken as the line's end here.
            let raw = line.hasSuffix("\r") ? line.dropLast() : line
            if raw.hasSuffix("\\") { pending += raw.dropLast() + " "; continue }
            let line = (pending + raw).trimmingWhitespace()
            pending = ""
            if !line.isEmpty && !line.hasPrefix("#") { out.append(line) }
        }
        return out
    }

    /// tmemctl's own file after setting (value non-nil) or removing `param` of `module`. Other lines are kept;
    /// nil means the file would hold nothing but comments, so it should be removed.
    public static func editing(_ text: String, module: String, param: String, value: String?, header: String) -> String? {
        var lines = text.isEmpty ? [] : LosslessText.lines(text).map(String.init)
        if lines.last == "" { lines.removeLast() }
        // A CRLF file stays CRLF: each line's `\r` is set aside while its words are edited, and new lines get one.
        let cr = LosslessText.lineEnding(of: text) == "\r\n" ? "\r" : ""
        var placed = false
        var emptied = Set<Int>()
        for (i, line) in lines.enumerated() {
            let ending = line.hasSuffix("\r") ? "\r" : ""
            var words = line.dropLast(ending.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard words.count >= 2, words[0] == "options", KernelCommandLine.sameName(words[1], module) else { continue }
            let kept = words.dropFirst(2).filter { !KernelCommandLine.sameName(String($0.split(separator: "=")[0]), param) }
            words = Array(words.prefix(2)) + kept
            if let v = value, !placed { words.append("\(param)=\(v)"); placed = true }
            if words.count > 2 { lines[i] = words.joined(separator: " ") + ending } else { emptied.insert(i) }
        }
        lines = lines.enumerated().filter { !emptied.contains($0.offset) }.map(\.element)
        if let v = value, !placed {
            if lines.isEmpty { lines.append(header + cr) }
            lines.append("options \(module) \(param)=\(v)" + cr)
        }
        guard lines.contains(where: { !$0.hasPrefix("#") && !$0.trimmingWhitespace().isEmpty }) else { return nil }
        return lines.joined(separator: "\n") + "\n"
    }
}
