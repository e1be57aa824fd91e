import ArgumentParser
import TmemControl
import TmemCore
import TmemHost

/// The zram table's columns: zramctl's (same names and meanings) plus HUGE, HUGE-SINCE, SWAP-PRIORITY and SWAP.
/// This one list drives `-o` parsing, `--help` and shell completions.
enum StatusColumn: String, CaseIterable, ExpressibleByArgument {
    case name = "NAME"
    case algorithm = "ALGORITHM"
    case disksize = "DISKSIZE"
    case data = "DATA"
    case compr = "COMPR"
    case total = "TOTAL"
    case streams = "STREAMS"
    case mountpoint = "MOUNTPOINT"
    case zeroPages = "ZERO-PAGES"
    case memLimit = "MEM-LIMIT"
    case memUsed = "MEM-USED"
    case migrated = "MIGRATED"
    case compRatio = "COMP-RATIO"
    case huge = "HUGE"
    case hugeSince = "HUGE-SINCE"
    case swapPriority = "SWAP-PRIORITY"
    case swap = "SWAP"

    /// zramctl's default set, plus whether the device is swap.
    static let defaults: [StatusColumn] = [.name, .algorithm, .disksize, .data, .compr, .total, .streams, .mountpoint, .swap]

    init?(argument: String) {
        guard let c = StatusColumn(rawValue: argument.uppercased()) else { return nil }
        self = c
    }

    var meaning: String {
        switch self {
        case .name: "zram device name"
        case .algorithm: "selected compression algorithm (comp_algorithm)"
        case .disksize: "device size (disksize)"
        case .data: "uncompressed size of stored data (orig_data_size)"
        case .compr: "compressed size of stored data (compr_data_size)"
        case .total: "memory used by the pool, including fragmentation (mem_used_total)"
        case .streams: "compression streams (max_comp_streams, or one per online CPU)"
        case .mountpoint: "where the device is mounted, [SWAP] for swap"
        case .zeroPages: "same-filled pages stored without memory (same_pages)"
        case .memLimit: "pool memory limit, 0 = none (mem_limit)"
        case .memUsed: "most pool memory used since init or reset (mem_used_max)"
        case .migrated: "pages freed by compaction (pages_compacted)"
        case .compRatio: "DATA / COMPR"
        case .huge: "incompressible pages stored whole (huge_pages)"
        case .hugeSince: "incompressible stores since init (huge_pages_since)"
        case .swapPriority: "swap priority from /proc/swaps"
        case .swap: "yes when the device is active swap"
        }
    }

    var alignment: TextTable.Alignment { [.name, .algorithm, .mountpoint, .swap].contains(self) ? .left : .right }

    /// The column list of `status --help`: name and meaning, one per line.
    static var helpTable: String {
        TextTable(headers: ["", ""], alignments: [.left, .left], minimumWidths: [14],
                  rows: allCases.map { [$0.rawValue, $0.meaning] }).lines(headings: false).map { "  " + $0 }.joined(separator: "\n")
    }

    func value(_ d: ZramDeviceStatus, bytes: Bool) -> String {
        let size = { (v: UInt64) in NumberFormat.zramctlSize(v, exact: bytes) }
        switch self {
        case .name: return ZramDevice.kernelNodeName(named: d.name)
        case .algorithm: return d.compAlgorithm ?? "-"
        case .disksize: return size(d.disksize)
        case .data: return size(d.mmStat.origDataSize)
        case .compr: return size(d.mmStat.comprDataSize)
        case .total: return size(d.mmStat.memUsedTotal)
        case .streams: return d.streams.map(String.init) ?? "-"
        case .mountpoint: return d.isSwap ? "[SWAP]" : (d.mountpoint ?? "")
        case .zeroPages: return "\(d.mmStat.samePages)"
        case .memLimit: return size(d.mmStat.memLimit)
        case .memUsed: return size(d.mmStat.memUsedMax)
        case .migrated: return "\(d.mmStat.pagesCompacted)"
        case .compRatio: return d.compRatio.map { NumberFormat.fixed($0, digits: 2) } ?? "-"
        case .huge: return "\(d.mmStat.hugePages)"
        case .hugeSince: return d.mmStat.hugePagesSince.map(String.init) ?? "-"
        case .swapPriority: return d.swapPriority.map(String.init) ?? "-"
        case .swap: return d.isSwap ? "yes" : "no"
        }
    }

    /// `-o NAME,DATA` replaces the default columns; `-o +HUGE` adds to them (as in zramctl and lsblk).
    static func parseList(_ text: String) throws(ValidationError) -> [StatusColumn] {
        var s = Substring(text)
        var columns: [StatusColumn] = []
        if s.hasPrefix("+") {
            columns = defaults
            s = s.dropFirst()
        }
        for part in s.split(separator: ",") {
            guard let c = StatusColumn(argument: part.trimmingCharacters()) else {
                throw ValidationError("unknown column '\(part)'; choose from: \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            columns.append(c)
        }
        guard !columns.isEmpty else {
            throw ValidationError("-o needs at least one column, e.g. -o NAME,DISKSIZE,DATA,COMPR")
        }
        return columns
    }
}

extension Substring {
    func trimmingCharacters() -> String { String(self).trimmingWhitespace() }
}
