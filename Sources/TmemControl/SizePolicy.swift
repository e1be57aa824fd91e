import TmemCore
import TmemHost

/// Turns what an admin typed into bytes for this host (percentages are of MemTotal).
public enum SizePolicy {
    public static func resolve(_ size: SizeExpression, root: SystemRoot) throws(HostError) -> UInt64 {
        switch size {
        case .bytes(let b): return b
        case .percentOfRAM:
            let info = try MemInfo.read(root: root)
            guard let total = info.memTotal else {
                throw HostError(subject: "meminfo", action: "cannot resolve \(size): no MemTotal line in",
                                path: MemInfo.path(root: root))
            }
            return size.resolve(totalRAM: total)
        }
    }
}
