import TmemCore

/// Writes the tmemctl configuration equivalent to another tool's: Debian's zram-tools (/etc/default/zramswap),
/// zswap-cli (/etc/zswap-cli/zswap-cli.conf, or its older /etc/default/zswap-cli of ZSWAP_*_VALUE variables)
/// and zram-generator (its files, which tmemctl reads unchanged; imported as one merged file).
public enum ConfigImport {
    public enum Source: String, CaseIterable, Sendable {
        case zramTools = "zram-tools"
        case zswapCli = "zswap-cli"
        case zramGenerator = "zram-generator"

        /// Where each tool keeps its configuration on Debian (root-relative).
        public var defaultPath: String? {
            switch self {
            case .zramTools: return "etc/default/zramswap"
            case .zswapCli: return "etc/zswap-cli/zswap-cli.conf"
            case .zramGenerator: return nil
            }
        }
    }

    public struct Result: Sendable {
        /// The configuration text to write.
        public var text: String
        /// What could not be carried over, and approximations.
        public var notes: [String]
    }

    /// zram-tools' zramswap: one swap device of PERCENT % of RAM (when set, it wins) or SIZE MiB, compressed
    /// with ALGO, at PRIORITY, swapon without discard. Its defaults: ALGO=lz4, SIZE=256, PRIORITY=100.
    public static func fromZramTools(_ text: String, origin: String) -> Result {
        let vars = ShellVariableFile(text)
        var notes: [String] = []
        func value(_ name: String) -> String? {
            switch vars.lookup(name) {
            case .assigned(let a): return a.value
            case .missing: return nil
            case .unparseable(let line, let reason):
                notes.append("\(origin):\(line): \(name) not imported: \(reason)")
                return nil
            }
        }
        var lines = ["# Imported from zram-tools (\(origin)) by tmemctl config import.", "[zram0]"]
        if let p = value("PERCENT"), let n = Double(p), n >= 0 {
            lines.append("zram-size = ram * \(p) / 100")
            notes.append("zramswap takes PERCENT of MemTotal in kB; tmemctl (as zram-generator) of MemTotal in whole MB: the size can be smaller by under 1 MB")
        } else {
            let size = value("SIZE") ?? "256"
            guard ConfigValueParsing.rustU64(size) != nil else {
                notes.append("SIZE=\(size) is not a whole number of MiB; using zramswap's default 256")
                lines.append("zram-size = 256")
                return finish(lines, notes)
            }
            lines.append("zram-size = \(size)")
        }
        lines.append("compression-algorithm = \(value("ALGO") ?? "lz4")")
        lines.append("swap-priority = \(value("PRIORITY") ?? "100")")
        // zramswap runs swapon without --discard.
        lines.append("options =")
        for obsolete in ["CORES", "ZRAM_DEVICES"] where value(obsolete) != nil {
            notes.append("\(obsolete) is not imported: tmemctl makes one device per [zramN] section; zram's streams are per CPU")
        }
        return finish(lines, notes)
    }

    /// zswap-cli: `key = value` (enabled, compressor, max_pool_percent, accept_threshold_percent,
    /// shrinker_enabled, zpool, ...) or `ZSWAP_KEY_VALUE=value` lines.
    public static func fromZswapCli(_ text: String, origin: String) -> Result {
        var notes: [String] = []
        var settings: [(String, String)] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") || line.hasPrefix("[") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingWhitespace() }
            guard let eq = line.firstIndex(of: "=") else {
                notes.append("\(origin):\(n + 1): not a key = value line, skipped")
                continue
            }
            var key = line[..<eq].trimmingWhitespace().lowercased()
            var value = line[line.index(after: eq)...].trimmingWhitespace()
            if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f { value = String(value.dropFirst().dropLast()) }
            if key.hasPrefix("zswap_") && key.hasSuffix("_value") { key = String(key.dropFirst(6).dropLast(6)) }
            settings.append((key, value))
        }
        var lines = ["# Imported from zswap-cli (\(origin)) by tmemctl config import.", "[zswap]"]
        for (key, value) in settings {
            switch key {
            case "enabled", "shrinker_enabled":
                guard let b = ConfigValueParsing.bool(value) else { notes.append("\(key)=\(value) is not Y or N, skipped"); continue }
                lines.append("\(key.replacingOccurrences(of: "_", with: "-")) = \(b ? "yes" : "no")")
            case "compressor", "max_pool_percent", "accept_threshold_percent":
                lines.append("\(key.replacingOccurrences(of: "_", with: "-")) = \(value)")
            default:
                notes.append("\(key)=\(value) is not imported: [zswap] sets enabled, compressor, max-pool-percent, accept-threshold-percent and shrinker-enabled")
            }
        }
        lines.append("# zswap in front of zram swap compresses rejected pages twice; tmemctl warns about it.")
        lines.append("with-zram-swap = warn")
        return finish(lines, notes)
    }

    /// zram-generator: the merged files as one tmemctl configuration (the same keys and meaning), with the
    /// file and line each value came from as a comment.
    public static func fromZramGenerator(_ config: TmemConfig) -> Result {
        let files = config.sources.files.map(\.displayPath)
        var notes = config.diagnostics.map { "\($0.severity.rawValue): \($0)" }
        if files.isEmpty { notes.append("no zram-generator configuration found") }
        let header = ["# Imported from zram-generator (\(files.isEmpty ? "no files" : files.joined(separator: ", "))) by tmemctl config import.",
                      "# tmemctl also reads those files unchanged while it has no configuration of its own."]
        var text = header.joined(separator: "\n") + "\n"
        let body = ConfigListing(config).text(origins: .above)
        if !body.isEmpty { text += "\n" + body }
        return Result(text: text, notes: notes)
    }

    private static func finish(_ lines: [String], _ notes: [String]) -> Result {
        Result(text: lines.joined(separator: "\n") + "\n", notes: notes)
    }
}

private extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
