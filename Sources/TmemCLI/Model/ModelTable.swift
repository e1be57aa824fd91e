import TmemControl
import TmemCore
import TmemHost

/// The text form of a ModelReport: one column per algorithm, one row per mm_stat field.
enum ModelTable {
    static func render(_ report: ModelReport, chainRule: ZsmallocChainRule, ruleSource: String) -> String {
        let table = ZsmallocClassTable(rule: chainRule)
        let chain: String
        switch chainRule {
        case .leastWaste(let n): chain = "chain size \(n)"
        case .usagePercent: chain = "pre-6.3 rule (4 pages)"
        }
        var lines: [String] = []
        let name = report.corpus.path ?? "built-in mix (seed \(report.corpus.seed ?? 0))"
        lines.append("corpus: \(name), \(report.corpus.pages) pages")
        lines.append("zsmalloc: \(chain) from \(ruleSource), huge_class_size \(table.hugeClassSize)")
        lines.append("")
        let header = ["field"] + report.results.map(label)
        var rows = [header]
        for (i, field) in MMStat().fields.enumerated() {
            rows.append([field.name] + report.results.map { r in r.mmStat.fields[i].value.map(String.init) ?? "-" })
        }
        // With writeback steps: bd_stat and io_stat after them.
        if report.results.contains(where: { $0.bdStat != nil }) {
            for (i, name) in ["bd_count", "bd_reads", "bd_writes"].enumerated() {
                rows.append(["bd_stat." + name] + report.results.map { r in r.bdStat.map { String($0.fields[i].value) } ?? "-" })
            }
            for (i, field) in IOStat().fields.enumerated() {
                rows.append(["io_stat." + field.name] + report.results.map { r in r.ioStat?.fields[i].value.map(String.init) ?? "-" })
            }
        }
        lines += TextTable(rows, rightAligned: 1..<header.count).lines()
        // A bounded prediction is never shown as exact: each column says what it is.
        lines.append("")
        for r in report.results {
            lines.append("\(label(r)): \(r.exactness?.text ?? "exact")")
        }
        for r in report.results {
            guard let steps = r.writeback else { continue }
            let done = steps.map { "\($0.step): \($0.pagesWritten) written\($0.error.map { ", then \($0)" } ?? "")" }
            lines.append("\(label(r)) writeback: " + done.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }

    /// "lz4", "zstd level 3", "deflate level 6 winbits -11".
    static func label(_ r: ModelReport.AlgorithmResult) -> String {
        var s = r.algorithm.rawValue
        if let l = r.level { s += " level \(l)" }
        if let w = r.windowBits { s += " winbits \(w)" }
        return s
    }
}
