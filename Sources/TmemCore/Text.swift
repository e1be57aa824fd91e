extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and newlines (sysfs values end in `\n`; a CRLF
    /// file's `\r\n` is one Character, so it is named too).
    public func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, Self.isTrimmed(f) { s = s.dropFirst() }
        while let l = s.last, Self.isTrimmed(l) { s = s.dropLast() }
        return String(s)
    }

    static func isTrimmed(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\r\n" }
}
