import ArgumentParser
import TmemCore
import TmemHost

/// `--algorithm` of `tmemctl compress`: one of the kernel's compressors, or all of them.
public enum CompressAlgorithmChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    case lzoRle = "lzo-rle", lzo, lz4, all

    var algorithms: [CompressionAlgorithm] {
        switch self {
        case .lzoRle: return [.lzoRle]
        case .lzo: return [.lzo]
        case .lz4: return [.lz4]
        case .all: return CompressionAlgorithm.allCases
        }
    }
}

public struct CompressCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "compress",
        abstract: "Compress a page corpus exactly as zram would, page by page.",
        discussion: """
        Reads FILE as raw 4 KiB pages (a file whose size is not a multiple of 4096 is an error) or, with \
        --builtin, generates the built-in page mix (zero and other same-filled pages, text, code, records, \
        heap, sparse and random pages; deterministic for a given --seed). For each page it reports what \
        zram would do: `same` with the fill word for a same-filled page (zram stores no data for it), or \
        `compressed` with the length the kernel's compressor produces. Every compressed page is decoded \
        again; if any page does not round-trip the command fails with exit status 1.

        JSON (--json): {"algorithm": "lzo", "pages": [{"index": 0, "kind": "compressed", \
        "compressed_size": 812}, {"index": 1, "kind": "same", "fill": 0}, ...], "total_compressed_size": N}; \
        with --algorithm all, an array of such objects.

        Examples:
          tmemctl compress --algorithm lzo-rle pages.bin
          tmemctl compress --algorithm all --builtin --summary
          tmemctl compress --algorithm lz4 --builtin --pages 256 --seed 7 --json
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("Compressor: lzo-rle, lzo, lz4 or all.", valueName: "ALG"))
    var algorithm: CompressAlgorithmChoice

    @Argument(help: ArgumentHelp("A corpus file of raw 4 KiB pages.", valueName: "FILE"))
    var file: String?

    @Flag(help: "Use the built-in page mix instead of FILE.")
    var builtin = false

    @Option(help: ArgumentHelp("Pages in the built-in mix (with --builtin).", valueName: "N"))
    var pages: Int?

    @Option(help: ArgumentHelp("Seed of the built-in mix (with --builtin).", valueName: "S"))
    var seed: UInt64?

    @Flag(help: "Print totals only, without a row per page (text output).")
    var summary = false

    @Flag(help: "Print JSON.")
    var json = false

    public init() {}

    static let defaultBuiltinPages = 1024
    static let defaultSeed: UInt64 = 1

    public func validate() throws {
        if builtin && file != nil { throw ValidationError("Give either FILE or --builtin, not both.") }
        if !builtin && file == nil { throw ValidationError("Give a corpus FILE of raw 4 KiB pages, or --builtin for the built-in mix.") }
        if !builtin && (pages != nil || seed != nil) { throw ValidationError("--pages and --seed apply to --builtin only.") }
        if let n = pages, n < 1 || n > 1 << 20 { throw ValidationError("--pages must be between 1 and 1048576.") }
        if json && summary { throw ValidationError("--summary applies to text output; drop it or --json.") }
    }

    public func run() throws {
        let corpus: PageCorpus
        if let path = file {
            do { corpus = try CorpusFile.load(path) } catch {
                Output.diagnostic("tmemctl: \(error)")
                throw ExitCode.failure
            }
        } else {
            corpus = BuiltinCorpus.generate(pages: pages ?? Self.defaultBuiltinPages, seed: seed ?? Self.defaultSeed)
        }
        var reports: [CompressionReport] = []
        for a in algorithm.algorithms {
            do { reports.append(try CompressionReport(corpus: corpus, algorithm: a)) } catch {
                Output.diagnostic("tmemctl: ROUND TRIP FAILED: \(error)")
                throw ExitCode.failure
            }
        }
        if json {
            if algorithm == .all { try Output.printJSON(reports) } else { try Output.printJSON(reports[0]) }
            return
        }
        for (k, report) in reports.enumerated() {
            if k > 0 { print("") }
            print(CompressionReportText.render(report, perPage: !summary))
        }
    }
}

/// The text form of a CompressionReport: a per-page table, then totals.
enum CompressionReportText {
    static func render(_ r: CompressionReport, perPage: Bool) -> String {
        var lines: [String] = []
        lines.append("\(r.algorithm.rawValue): \(r.pages.count) pages")
        if perPage {
            lines.append(pad("PAGE", 8) + "  " + padRight("KIND", 10) + "  " + pad("SIZE", 6) + "  FILL")
            for p in r.pages {
                switch p.kind {
                case .compressed:
                    lines.append(pad("\(p.index)", 8) + "  " + padRight("compressed", 10) + "  " + pad("\(p.compressedSize!)", 6))
                case .same:
                    lines.append(pad("\(p.index)", 8) + "  " + padRight("same", 10) + "  " + pad("-", 6) + "  " + hex(p.fill!))
                }
            }
        }
        let orig = r.compressedPageCount * pageSize
        let ratio = r.totalCompressedSize > 0 ? Double(orig) / Double(r.totalCompressedSize) : 0
        lines.append("same-filled pages:     \(r.samePageCount)")
        lines.append("compressed pages:      \(r.compressedPageCount)")
        lines.append("total_compressed_size: \(r.totalCompressedSize)")
        lines.append("ratio (compressed pages only): \(format(ratio)) (round trip verified)")
        return lines.joined(separator: "\n")
    }

    static func pad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
    static func padRight(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
    static func hex(_ v: UInt64) -> String {
        let h = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - h.count) + h
    }
    static func format(_ x: Double) -> String {
        let scaled = Int((x * 100).rounded())
        let frac = scaled % 100
        return "\(scaled / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}
