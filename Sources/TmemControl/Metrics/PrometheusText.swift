/// The Prometheus text exposition format, version 0.0.4: per family one `# HELP` and one `# TYPE` line, then
/// one line per sample, `name{label="value",...} value`. Written here rather than with swift-prometheus:
/// that library's registry holds live Int64 counters that can only be incremented, while tmemctl re-exposes
/// the kernel's unsigned counters as read, once per process; `promtool check metrics` checks the result.
public enum PrometheusText {
    /// `Content-Type` of this format, for whoever serves it.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public static func render(_ families: MetricFamilies) -> String {
        var out = ""
        for f in families.families where !f.samples.isEmpty {
            out += "# HELP \(f.name) \(escapeHelp(f.help))\n"
            out += "# TYPE \(f.name) \(f.type.rawValue)\n"
            for s in f.samples {
                out += f.name
                if !s.labels.isEmpty {
                    out += "{" + s.labels.map { "\($0.name)=\"\(escapeLabelValue($0.value))\"" }.joined(separator: ",") + "}"
                }
                out += " " + format(s.value) + "\n"
            }
        }
        return out
    }

    /// HELP text escapes backslash and line feed.
    static func escapeHelp(_ s: String) -> String {
        s.replacingAll("\\", with: "\\\\").replacingAll("\n", with: "\\n")
    }

    /// Label values escape backslash, double quote and line feed.
    static func escapeLabelValue(_ s: String) -> String {
        s.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"").replacingAll("\n", with: "\\n")
    }

    /// Integers exactly; reals as Go's ParseFloat reads them, with Prometheus's spellings of the specials.
    static func format(_ v: MetricValue) -> String {
        switch v {
        case .unsigned(let u): return String(u)
        case .signed(let i): return String(i)
        case .real(let d):
            if d.isNaN { return "NaN" }
            if d.isInfinite { return d > 0 ? "+Inf" : "-Inf" }
            if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return "\(d)"
        }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
