import TmemCore
import SystemPackage

/// `/proc/meminfo`, values in bytes (the file says kB, meaning KiB). Unknown lines are kept by name.
public struct MemInfo: Sendable, Equatable {
    public var fields: [String: UInt64]

    public init(fields: [String: UInt64]) { self.fields = fields }

    /// Strict parse: every line must be `Name: <number> [kB]`.
    public init(parsing text: String, file: String = "/proc/meminfo") throws(HostError) {
        var f: [String: UInt64] = [:]
        let failure = NameValueText.scan(text, lineCount: { f.reserveCapacity($0) }) { line in
            let malformed = { NameValueText.malformed(line, in: file) }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return malformed() }
            let rest = NameValueText.fields(line, from: colon + 1)
            guard rest.count >= 1 && rest.count <= 2, let v = NameValueText.unsigned(line, rest.first) else { return malformed() }
            if rest.count == 2 && NameValueText.equals(line, rest.second, "kB") {
                let (bytes, overflow) = v.multipliedReportingOverflow(by: 1024)
                guard !overflow else { return malformed() }
                f[NameValueText.string(line, 0..<colon)] = bytes
            } else {
                f[NameValueText.string(line, 0..<colon)] = v
            }
            return nil
        }
        if let failure { throw failure }
        fields = f
    }

    public static let relativePath = "proc/meminfo"
    public static var kernelPath: String { SystemRoot.kernelName(relativePath) }

    /// The file `read(root:)` reads, for errors about its contents.
    public static func path(root: SystemRoot) -> String { root.absolute(relativePath) }

    public static func read(root: SystemRoot) throws(HostError) -> MemInfo {
        let path = relativePath
        do { return try MemInfo(parsing: try root.read(path), file: root.absolute(path)) } catch let e as HostError {
            throw e
        } catch {
            throw HostError(subject: "meminfo", action: "cannot read", path: root.absolute(path), errno: error as? Errno)
        }
    }

    public var memTotal: UInt64? { fields["MemTotal"] }
    /// `Zswap:` (pool size) and `Zswapped:` (stored data), present from Linux 6.1.
    public var zswap: UInt64? { fields["Zswap"] }
    public var zswapped: UInt64? { fields["Zswapped"] }
}
