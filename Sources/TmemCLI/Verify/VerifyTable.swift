import TmemControl
import TmemCore

/// The text form of a VerifyReport: per algorithm, one row per compared field.
enum VerifyTable {
    static func render(_ r: VerifyReport) -> String {
        var lines: [String] = []
        let chain = r.kernel.chainSize.map { "chain size \($0)" } ?? "pre-6.3 zsmalloc rule"
        lines.append("corpus: \(r.corpus.label)")
        lines.append("path: \(r.path.rawValue)\(r.zswap ? " with zswap" : ""); kernel \(r.kernel.release ?? "?"), \(chain), huge_class_size \(r.kernel.hugeClassSize)")
        for result in r.results {
            lines.append("")
            let on = result.device.map { " on \($0)" } ?? ""
            var name = result.algorithm.rawValue
            if let l = result.level { name += " level \(l)" }
            if let w = result.windowBits { name += " winbits \(w)" }
            switch result.status {
            case .skipped:
                lines.append("\(name): skipped (\(result.reason ?? ""))")
                continue
            case .failed where result.fields.isEmpty:
                lines.append("\(name)\(on): failed\(result.reason.map { " (\($0))" } ?? "")")
            case .passed, .failed:
                lines.append("\(name)\(on): \(result.status.rawValue)\(result.exactness.map { "; model \($0.text)" } ?? "")")
            }
            var rows = [["source", "field", "predicted", "live", "difference", ""]]
            for f in result.fields {
                let verdict: String
                switch f.status {
                case .equal: verdict = f.allowed.map { "= (not deterministic; bound |difference| <= \($0))" } ?? "="
                case .bounded: verdict = "bounded (|difference| <= \(f.allowed ?? 0))"
                case .different: verdict = f.allowed.map { "DIFFERS (allowed <= \($0))" } ?? "DIFFERS"
                }
                rows.append([f.source, f.field, "\(f.predicted)", "\(f.live)", "\(f.difference)", verdict])
            }
            if !result.fields.isEmpty { lines += TextTable(rows, rightAligned: 2...4).lines().map { "  " + $0 } }
            for f in result.fields where f.status != .equal || f.allowed != nil {
                if let n = f.note { lines.append("  note (\(f.field)): \(n)") }
            }
            for n in result.notes { lines.append("  \(n)") }
            for c in result.cleanupFailures { lines.append("  cleanup FAILED (left behind; remove by hand): \(c)") }
        }
        lines.append("")
        let ran = r.results.filter { $0.status != .skipped }.count
        lines.append(r.passed ? "verify: passed (\(ran) algorithm\(ran == 1 ? "" : "s"), every field equal or within its stated bound)"
                              : "verify: FAILED")
        return lines.joined(separator: "\n")
    }
}
