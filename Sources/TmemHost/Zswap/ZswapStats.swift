import TmemCore

/// zswap's counters in debugfs (`/sys/kernel/debug/zswap/`, each `%llu`), present only when debugfs is
/// mounted. Names are the file names, which differ between kernels (docs/kernel-notes.md#zswap-statistics), so they are kept as read.
public struct ZswapDebugStats: Sendable, Equatable {
    public var counters: [String: UInt64]

    static let dir = "sys/kernel/debug/zswap"
    public static var kernelPath: String { SystemRoot.kernelName(dir) }
    /// The counters are there only while debugfs is mounted.
    public static func isPresent(root: SystemRoot) -> Bool { root.isDirectory(dir) }

    public init(counters: [String: UInt64]) { self.counters = counters }

    /// nil when debugfs is not mounted or zswap has no directory there.
    public static func read(root: SystemRoot) throws(HostError) -> ZswapDebugStats? {
        guard root.isDirectory(dir) else { return nil }
        var c: [String: UInt64] = [:]
        for name in root.list(dir) {
            let rel = "\(dir)/\(name)"
            let path = root.absolute(rel)
            c[name] = try StatLine.numbers(try root.readForParsing(rel, subject: "zswap"), path: path, allowedCounts: [1])[0]
        }
        return ZswapDebugStats(counters: c)
    }

    public subscript(_ name: String) -> UInt64? { counters[name] }
    public var storedPages: UInt64? { counters["stored_pages"] }
    /// Bytes; 3.11 called it pool_pages (in pages).
    public var poolTotalSize: UInt64? { counters["pool_total_size"] ?? counters["pool_pages"].map { $0 * 4096 } }
}
