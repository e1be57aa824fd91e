import SystemPackage

extension SystemRoot {
    /// Reads a procfs/sysfs file for a parser, turning errno into a HostError that names the file.
    func readForParsing(_ relative: String, subject: String) throws(HostError) -> String {
        do { return try read(relative) } catch {
            throw HostError(subject: subject, action: "cannot read", path: absolute(relative), errno: error)
        }
    }
}

/// Undoes the octal escapes (`\040` for space, `\011`, `\012`, `\134`) that /proc/swaps and mountinfo
/// use for whitespace and backslashes in paths.
func unescapeOctal(_ s: Substring) -> String {
    var out: [UInt8] = []
    let bytes = Array(s.utf8)
    var i = 0
    while i < bytes.count {
        if bytes[i] == UInt8(ascii: "\\"), i + 3 < bytes.count,
           bytes[(i + 1)...(i + 3)].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }),
           let v = UInt8(String(decoding: bytes[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
            out.append(v)
            i += 4
        } else {
            out.append(bytes[i])
            i += 1
        }
    }
    return String(decoding: out, as: UTF8.self)
}

extension StringProtocol {
    /// Splits on an ASCII byte through the UTF-8 view: the pieces `split(separator:)` on the Character gives for
    /// the kernel's ASCII text (no CR, no combining marks), without grapheme breaking, which cost about 20,000
    /// instructions per line of /proc/vmstat, read by every `tmemctl status`.
    func asciiSplit(_ separator: Unicode.Scalar, omittingEmptySubsequences: Bool = true) -> [SubSequence] {
        let byte = UInt8(ascii: separator)
        var pieces: [SubSequence] = []
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            if utf8[i] == byte {
                if !omittingEmptySubsequences || start != i { pieces.append(self[start..<i]) }
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if !omittingEmptySubsequences || start != utf8.endIndex { pieces.append(self[start..<utf8.endIndex]) }
        return pieces
    }
}
