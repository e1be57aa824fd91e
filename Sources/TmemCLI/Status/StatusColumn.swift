import ArgumentParser
import TmemControl
import TmemCore
import TmemHost

/// The zram table's columns: zramctl's (same names and meanings) plus HUGE, HUGE-SINCE, SWAP-PRIORITY and SWAP.
/// This one list drives `-o` parsing, `--help` and shell completions.
enum StatusColumn: String, CaseIterable, ExpressibleByArgument {
    // zramctl's columns in zramctl's order (its --output-all), then tmemctl's own.
    case name = "NAME"
    case disksize = "DISKSIZE"
    case data = "DATA"
    case compr = "COMPR"
    case algorithm = "ALGORITHM"
    case streams = "STREAMS"
    case zeroPages = "ZERO-PAGES"
    case total = "TOTAL"
    case memLimit = "MEM-LIMIT"
    case memUsed = "MEM-USED"
    case migrated = "MIGRATED"
    case mountpoint = "MOUNTPOINT"
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
        case .streams: "compression streams (max_comp_streams; empty where the kernel has none, 6.18: one per CPU)"
        case .mountpoint: "where the device is mounted, [SWAP] for swap"
        case .zeroPages: "same-filled pages stored without memory (same_pages)"
        case .memLimit: "pool memory limit, 0 = none (mem_limit)"
        case .memUsed: "most pool memory used since init or reset (mem_used_max)"
        case .migrated: "pages freed by compaction (pages_compacted), with a size suffix as zramctl prints it"
        case .compRatio: "DATA / COMPR"
        case .huge: "incompressible pages stored whole (huge_pages)"
        case .hugeSince: "incompressible stores since init (huge_pages_since)"
        case .swapPriority: "swap priority from /proc/swaps"
        case .swap: "yes when the device is active swap"
        }
    }

    /// zramctl's width hints (its column table: sizes 5, counts and the algorithm 3), applied as libsmartcols
    /// applies them (`TextTable.widthHints`): DATA holding `5.1M` is five wide, holding `4K` four, as in zramctl.
    var widthHint: Int {
        switch self {
        case .disksize, .data, .compr, .total, .memLimit, .memUsed, .migrated: 5
        case .algorithm, .streams, .zeroPages: 3
        default: 0
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
        // As zramctl: the attribute's value, nothing where the kernel has no max_comp_streams.
        case .streams: return d.maxCompStreams.map(String.init) ?? ""
        case .mountpoint: return d.isSwap ? "[SWAP]" : (d.mountpoint ?? "")
        case .zeroPages: return "\(d.mmStat.samePages)"
        case .memLimit: return size(d.mmStat.memLimit)
        case .memUsed: return size(d.mmStat.memUsedMax)
        // zramctl formats this page count as a size (`0B`, `3B`); printed the same so scripts read both alike.
        case .migrated: return size(d.mmStat.pagesCompacted)
        case .compRatio: return d.compRatio.map { NumberFormat.fixed($0, digits: 2) } ?? "-"
        case .huge: return "\(d.mmStat.hugePages)"
        case .hugeSince: return d.mmStat.hugePagesSince.map(String.init) ?? "-"
        case .swapPriority: return d.swapPriority.map(String.init) ?? "-"
        case .swap: return d.isSwap ? "yes" : "no"
        }
    }

    /// `-o NAME,DATA` replaces the default columns; `-o +HUGE` adds to them (as lsblk and newer zramctl do).
    /// A column named twice (also `+NAME`, NAME being a default) is refused.
    static func parseList(_ text: String) throws(ValidationError) -> [StatusColumn] {
        var s = Substring(text)
        var columns: [StatusColumn] = []
        if s.hasPrefix("+") {
            columns = defaults
            s = s.dropFirst()
        }
        for part in s.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters()
            if name.isEmpty && s.isEmpty { break }
            guard let c = StatusColumn(argument: name) else {
                throw ValidationError("unknown column '\(part)'; choose from: \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !columns.contains(c) else {
                throw ValidationError("column \(c.rawValue) is named twice in -o \(text); name each column once")
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
