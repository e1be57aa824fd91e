import TmemControl

/// The zswap section of `status` and `zswap show`, rendered from the same model as the JSON.
enum ZswapSummary {
    static func render(_ z: ZswapStatus, bytes: Bool) -> String {
        guard z.available else { return "zswap: not available in this kernel" }
        let size = { (v: UInt64) in NumberFormat.zramctlSize(v, exact: bytes) }
        var lines: [String] = []
        let on = z.enabled == true ? "enabled" : "disabled"
        var head = "zswap: \(on), compressor \(z.compressor ?? "-")"
        if let zp = z.zpool { head += ", zpool \(zp)" }
        lines.append(head)
        if let pool = z.poolTotalSize, let limit = z.poolLimit {
            let pct = limit > 0 ? NumberFormat.fixed(Double(pool) * 100 / Double(limit), digits: 2) : "-"
            lines.append("  pool        \(size(pool)) of \(size(limit)) (\(pct)% of max_pool_percent=\(z.maxPoolPercent ?? 0))")
        } else if let pool = z.poolTotalSize {
            lines.append("  pool        \(size(pool))")
        }
        if let stored = z.zswapped {
            let pages = z.storedPages.map { "\($0) pages" } ?? "-"
            let ratio = z.compRatio.map { NumberFormat.fixed($0, digits: 2) } ?? "-"
            lines.append("  stored      \(pages) (\(size(stored))), ratio \(ratio)")
        }
        if let out = z.zswpout {
            lines.append("  since boot  zswpout \(out), zswpin \(z.zswpin ?? 0)\(z.zswpwb.map { ", zswpwb \($0)" } ?? "")")
        }
        let params = z.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        lines.append("  parameters  \(params)")
        if let d = z.debugfs, !d.isEmpty {
            lines.append("  debugfs     " + d.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
