/// The bytes of a configuration file as a `String` that gives the same bytes back, so that a file that is not
/// valid UTF-8 (a Latin-1 comment in /etc/default/grub) can be parsed and edited as text without losing a byte:
/// `String(decoding:as:)` would turn each invalid byte into U+FFFD in the new file and in its backup.
///
/// Valid UTF-8 is kept as it is. Every other byte `b` becomes the private-use scalar U+F700 + b, and so does
/// every byte of a valid sequence that itself encodes U+F700...U+F7FF, so `encode(decode(x)) == x` for any x.
public enum LosslessText {
    static let escapeBase: UInt32 = 0xF700

    public static func decode(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            if let (scalar, length) = validScalar(bytes, at: i), !(escapeBase...escapeBase + 0xFF).contains(scalar.value) {
                scalars.append(scalar)
                i += length
            } else {
                scalars.append(Unicode.Scalar(escapeBase + UInt32(bytes[i]))!)
                i += 1
            }
        }
        return String(scalars)
    }

    public static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            if (escapeBase...escapeBase + 0xFF).contains(s.value) {
                out.append(UInt8(s.value - escapeBase))
            } else {
                out.append(contentsOf: String(s).utf8)
            }
        }
        return out
    }

    /// The scalar a well-formed UTF-8 sequence at `i` encodes (no overlong forms, surrogates or values past
    /// U+10FFFF, as RFC 3629 requires) and its length.
    static func validScalar(_ b: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        let lead = b[i]
        let length: Int
        var value: UInt32
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard i + length <= b.count else { return nil }
        for k in 1..<length {
            guard b[i + k] & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(b[i + k] & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// The lines of `text` split at each `\n` only: a `\r` before it stays the last character of its line, so a
    /// CRLF file reads as the shell and modprobe read it (Swift's `split(separator: "\n")` would not split at
    /// all, because `"\r\n"` is one Character). The text after the last `\n` is the last element (empty when the
    /// text ends in `\n`), so `lines(t).joined(separator: "\n") == t`.
    public static func lines(_ text: String) -> [Substring] {
        var out: [Substring] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var i = start
        while i < scalars.endIndex {
            if scalars[i] == "\n" {
                out.append(Substring(String(scalars[start..<i])))
                start = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        out.append(Substring(String(scalars[start...])))
        return out
    }

    /// The line ending a file uses: `\r\n` when its first line break is one, `\n` otherwise.
    public static func lineEnding(of text: String) -> String {
        guard let lf = text.unicodeScalars.firstIndex(of: "\n") else { return "\n" }
        return lf > text.unicodeScalars.startIndex && text.unicodeScalars[text.unicodeScalars.index(before: lf)] == "\r" ? "\r\n" : "\n"
    }
}
