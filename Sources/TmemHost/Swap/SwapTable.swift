/// One line of `/proc/swaps`. Size and Used are printed in KiB; they are kept in bytes here.
public struct SwapArea: Codable, Equatable, Sendable {
    public var filename: String
    public var type: String
    public var size: UInt64
    public var used: UInt64
    public var priority: Int

    public init(filename: String, type: String, size: UInt64, used: UInt64, priority: Int) {
        self.filename = filename
        self.type = type
        self.size = size
        self.used = used
        self.priority = priority
    }
}

/// `/proc/swaps`: a header line, then `Filename Type Size Used Priority` per active area.
public enum SwapTable {
    public static func parse(_ text: String, file: String = "/proc/swaps") throws(HostError) -> [SwapArea] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first, header.hasPrefix("Filename") else {
            throw HostError.malformed("swaps table", in: file, hint: "no 'Filename' header")
        }
        lines.removeFirst()
        var areas: [SwapArea] = []
        for line in lines {
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard f.count == 5, let size = UInt64(f[2]), let used = UInt64(f[3]), let prio = Int(f[4]) else {
                throw HostError.malformed("line '\(line)'", in: file)
            }
            areas.append(SwapArea(filename: unescapeOctal(f[0]), type: String(f[1]),
                                  size: size * 1024, used: used * 1024, priority: prio))
        }
        return areas
    }

    public static let relativePath = "proc/swaps"
    public static var kernelPath: String { SystemRoot.kernelName(relativePath) }

    public static func path(root: SystemRoot) -> String { root.absolute(relativePath) }

    public static func read(root: SystemRoot) throws(HostError) -> [SwapArea] {
        try parse(try root.readForParsing(relativePath, subject: "swaps"), file: path(root: root))
    }

    /// No swap areas when the root has no /proc/swaps (a fake root without one); a file that is there must parse.
    public static func readIfPresent(root: SystemRoot) throws(HostError) -> [SwapArea] {
        root.exists(relativePath) ? try read(root: root) : []
    }
}
