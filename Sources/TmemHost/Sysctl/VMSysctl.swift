import SystemPackage
import TmemCore

/// The swap-related VM sysctls under `/proc/sys/vm/` that a compressed-memory policy sets.
public enum VMSysctl: String, CaseIterable, Codable, Sendable {
    /// 0...200 since Linux 5.8 (100 was the ceiling before); docs/kernel-notes.md#vm-sysctls.
    case swappiness = "vm.swappiness"
    /// log2 of the pages read around a swap-in; 0...31 (docs/kernel-notes.md#vm-sysctls).
    case pageCluster = "vm.page-cluster"

    /// `proc/sys/vm/page-cluster`: the sysctl name with dots as slashes.
    public var relativePath: String { "proc/sys/" + String(rawValue.map { $0 == "." ? "/" : $0 }) }

    /// The values the kernel accepts (its proc_dointvec_minmax bounds; docs/kernel-notes.md#vm-sysctls).
    public var range: ClosedRange<Int> {
        switch self {
        case .swappiness: 0...200
        case .pageCluster: 0...31
        }
    }

    public func read(root: SystemRoot) throws(HostError) -> Int? {
        guard root.exists(relativePath) else { return nil }
        let text: String
        do { text = try root.read(relativePath) } catch {
            throw HostError(subject: rawValue, action: "cannot read", path: root.absolute(relativePath), errno: error)
        }
        guard let n = Int(text.trimmingWhitespace()) else {
            throw HostError(subject: rawValue, action: "'\(text.trimmingWhitespace())' is not a number",
                            path: root.absolute(relativePath))
        }
        return n
    }

    /// Writes and reads back.
    public func write(_ value: Int, root: SystemRoot) throws(HostError) {
        let path = root.absolute(relativePath)
        guard range.contains(value) else {
            throw HostError(subject: rawValue, action: "cannot set to \(value)", path: path, errno: .invalidArgument,
                            hint: "\(rawValue) takes \(range.lowerBound)...\(range.upperBound)")
        }
        do { try root.write(relativePath, "\(value)\n") } catch {
            throw HostError(subject: rawValue, action: "cannot set to \(value)", path: path, errno: error,
                            hint: error == .invalidArgument ? "this kernel's range is narrower (swappiness was 0...100 before Linux 5.8)" : nil)
        }
        let back = try read(root: root)
        if back != value {
            throw HostError(subject: rawValue, action: "set to \(value) but the kernel reports \(back.map(String.init) ?? "nothing")", path: path)
        }
    }
}
