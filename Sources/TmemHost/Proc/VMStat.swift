/// `/proc/vmstat`: `name value` per line, cumulative since boot (zswpin, zswpout, zswpwb, swpout_zero, ...).
public struct VMStat: Sendable, Equatable {
    public var fields: [String: UInt64]

    public init(fields: [String: UInt64]) { self.fields = fields }

    public init(parsing text: String, file: String = "/proc/vmstat") throws(HostError) {
        var f: [String: UInt64] = [:]
        for line in text.asciiSplit("\n") {
            let parts = line.asciiSplit(" ")
            // Some counters (nr_*) are signed per-CPU sums and can read negative transiently; keep them out.
            guard parts.count == 2 else {
                throw HostError.malformed("line '\(line)'", in: file)
            }
            if let v = UInt64(parts[1]) {
                f[String(parts[0])] = v
            } else if Int64(parts[1]) == nil {
                throw HostError.malformed("line '\(line)'", in: file)
            }
        }
        fields = f
    }

    public static let relativePath = "proc/vmstat"
    public static var kernelPath: String { SystemRoot.kernelName(relativePath) }

    public static func read(root: SystemRoot) throws(HostError) -> VMStat {
        try VMStat(parsing: try root.readForParsing(relativePath, subject: "vmstat"), file: root.absolute(relativePath))
    }

    public subscript(_ name: String) -> UInt64? { fields[name] }
}
