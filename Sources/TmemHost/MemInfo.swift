import TmemCore
import SystemPackage

/// `/proc/meminfo`, values in bytes (the file says kB, meaning KiB). Unknown lines are kept by name.
public struct MemInfo: Sendable, Equatable {
    public var fields: [String: UInt64]

    public init(fields: [String: UInt64]) { self.fields = fields }

    /// Strict parse: every line must be `Name: <number> [kB]`.
    public init(parsing text: String, file: String = "/proc/meminfo") throws(HostError) {
        var f: [String: UInt64] = [:]
        for line in text.asciiSplit("\n") {
            guard let colon = line.firstIndex(of: ":") else {
                throw HostError.malformed("line '\(line)'", in: file)
            }
            let name = String(line[..<colon])
            let rest = line[line.index(after: colon)...].asciiSplit(" ")
            guard let first = rest.first, let v = UInt64(first), rest.count <= 2 else {
                throw HostError.malformed("line '\(line)'", in: file)
            }
            f[name] = rest.count == 2 && rest[1] == "kB" ? v * 1024 : v
        }
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
