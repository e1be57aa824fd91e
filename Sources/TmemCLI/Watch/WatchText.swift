import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemControl

/// `tmemctl watch`'s text: per sample one line per device, one for zswap and swap; the column header again
/// every 20 samples, as vmstat does.
struct WatchText {
    private var samples = 0
    static let deviceHeader = ["time", "device", "stored/s", "loaded/s", "freed/s", "data", "compr", "ratio", "used", "limit", "used%"]
    static let widths = [8, 8, 9, 9, 9, 7, 7, 6, 7, 7, 6]

    static func clock(_ epoch: Double) -> String {
        var t = time_t(epoch)
        var tm = tm()
        localtime_r(&t, &tm)
        return NumberFormat.printf("%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec)
    }

    static func row(_ cells: [String]) -> String {
        zip(cells, widths).enumerated().map { i, cw in
            let (c, w) = cw
            let pad = String(repeating: " ", count: max(0, w - c.count))
            return i < 2 ? c + pad : pad + c
        }.joined(separator: " ")
    }

    static func rate(_ r: Double?) -> String { r.map { NumberFormat.fixed($0, digits: $0 < 10 ? 1 : 0) } ?? "-" }

    mutating func render(_ record: WatchRecord) -> [String] {
        switch record {
        case .event(let e):
            return ["\(Self.clock(e.time)) \(e.device) \(e.action.rawValue)" + (e.source == .uevent ? "" : " (seen by \(e.source.rawValue))")]
        case .sample(let s):
            var lines: [String] = []
            if samples % 20 == 0 { lines.append(Self.row(Self.deviceHeader)) }
            samples += 1
            let t = Self.clock(s.time)
            for d in s.devices {
                lines.append(Self.row([t, d.device, Self.rate(d.pagesStoredPerSecond), Self.rate(d.pagesLoadedPerSecond),
                                       Self.rate(d.pagesFreedPerSecond), NumberFormat.zramctlSize(d.origDataSize, exact: false),
                                       NumberFormat.zramctlSize(d.comprDataSize, exact: false),
                                       d.ratio.map { NumberFormat.fixed($0, digits: 2) } ?? "-",
                                       NumberFormat.zramctlSize(d.memUsedTotal, exact: false),
                                       d.memLimit == 0 ? "-" : NumberFormat.zramctlSize(d.memLimit, exact: false),
                                       d.memUsedShareOfLimit.map { NumberFormat.percent($0, digits: 0) } ?? "-"]))
            }
            let z = s.zswap
            lines.append("\(t) zswap stores/s \(Self.rate(z.storesPerSecond)) loads/s \(Self.rate(z.loadsPerSecond)) "
                         + "rejects/s \(Self.rate(z.rejectsPerSecond)) writebacks/s \(Self.rate(z.writebacksPerSecond)) "
                         + "| swap in/s \(Self.rate(s.swap.inPerSecond)) out/s \(Self.rate(s.swap.outPerSecond))")
            return lines
        }
    }
}
