/// `/proc/vmstat`: `name value` per line, cumulative since boot (zswpin, zswpout, zswpwb, swpout_zero, ...).
public struct VMStat: Sendable, Equatable {
    public var fields: [String: UInt64]

    public init(fields: [String: UInt64]) { self.fields = fields }

    public init(parsing text: String, file: String = "/proc/vmstat") throws(HostError) {
        var f: [String: UInt64] = [:]
        let failure = NameValueText.scan(text, lineCount: { f.reserveCapacity($0) }) { line in
            let parts = NameValueText.fields(line)
            // Some counters (nr_*) are signed per-CPU sums and can read negative transiently; keep them out.
            guard parts.count == 2 else {
                return NameValueText.malformed(line, in: file)
            }
            if let v = NameValueText.unsigned(line, parts.second) {
                f[NameValueText.string(line, parts.first)] = v
            } else if !NameValueText.isSigned64(line, parts.second) {
                return NameValueText.malformed(line, in: file)
            }
            return nil
        }
        if let failure { throw failure }
        fields = f
    }

    public static let relativePath = "proc/vmstat"
    public static var kernelPath: String { SystemRoot.kernelName(relativePath) }

    public static func read(root: SystemRoot) throws(HostError) -> VMStat {
        try VMStat(parsing: try root.readForParsing(relativePath, subject: "vmstat"), file: root.absolute(relativePath))
    }

    public subscript(_ name: String) -> UInt64? { fields[name] }
}
