/// The merged configuration as sections of `key = value` with the place each value came from, for
/// `config show` (text like `systemd-analyze cat-config`, and JSON) and `config import`.
public struct ConfigListing: Sendable, Encodable {
    public struct Entry: Sendable, Encodable {
        public var key: String
        public var value: String
        public var origin: ConfigOrigin?
    }

    public struct Section: Sendable, Encodable {
        public var name: String
        public var origin: ConfigOrigin?
        public var entries: [Entry]
    }

    public var sections: [Section]

    public init(sections: [Section]) { self.sections = sections }

    public init(_ config: TmemConfig) {
        var out: [Section] = []
        for d in config.sortedDevices {
            var e: [Entry] = []
            func add<T>(_ key: String, _ s: Sourced<T>?) {
                if let s { e.append(Entry(key: key, value: s.text, origin: s.origin)) }
            }
            add("host-memory-limit", d.hostMemoryLimit)
            add("zram-size", d.zramSize)
            add("zram-fraction", d.zramFraction)
            add("max-zram-size", d.maxZramSize)
            add("zram-resident-limit", d.residentLimit)
            add("ratio-from", d.ratioFrom)
            add("compression-algorithm", d.compression)
            add("writeback-device", d.writebackDevice)
            add("writeback-encrypt", d.writebackEncrypt)
            add("idle-age", d.idleAge)
            add("writeback-budget", d.writebackBudget)
            add("writeback-types", d.writebackTypes)
            add("recompress-type", d.recompressType)
            add("recompress-threshold", d.recompressThreshold)
            add("swap-priority", d.swapPriority)
            add("mount-point", d.mountPoint)
            add("fs-type", d.fsType)
            add("options", d.options)
            out.append(Section(name: d.name, origin: d.origin, entries: e))
        }
        if let z = config.zswap {
            var e: [Entry] = []
            func add<T>(_ key: String, _ s: Sourced<T>?) { if let s { e.append(Entry(key: key, value: s.text, origin: s.origin)) } }
            add("enabled", z.enabled)
            add("compressor", z.compressor)
            add("max-pool-percent", z.maxPoolPercent)
            add("accept-threshold-percent", z.acceptThresholdPercent)
            add("shrinker-enabled", z.shrinkerEnabled)
            add("with-zram-swap", z.withZramSwap)
            out.append(Section(name: "zswap", origin: z.origin, entries: e))
        }
        if let s = config.sysctl {
            var e: [Entry] = []
            if let v = s.swappiness { e.append(Entry(key: "vm.swappiness", value: v.text, origin: v.origin)) }
            if let v = s.pageCluster { e.append(Entry(key: "vm.page-cluster", value: v.text, origin: v.origin)) }
            out.append(Section(name: "sysctl", origin: s.origin, entries: e))
        }
        if let b = config.boot {
            var e: [Entry] = []
            for (p, v) in b.parameters.sorted(by: { $0.key < $1.key }) { e.append(Entry(key: p.rawValue, value: v.text, origin: v.origin)) }
            if let t = b.target { e.append(Entry(key: "target", value: t.text, origin: t.origin)) }
            out.append(Section(name: "boot", origin: b.origin, entries: e))
        }
        sections = out
    }

    public enum Origins: Sendable {
        case none
        /// `key = value   # FILE:LINE`, for reading (not re-readable: rust-ini keeps a trailing `#` in the value).
        case trailing
        /// `# FILE:LINE` on the line before each key, so the text reads back unchanged.
        case above
    }

    /// INI text, with the origin of each value as asked.
    public func text(origins: Origins) -> String {
        var lines: [String] = []
        for s in sections {
            if !lines.isEmpty { lines.append("") }
            lines.append("[\(s.name)]")
            let width = s.entries.map { $0.key.count + 3 + $0.value.count }.max() ?? 0
            for e in s.entries {
                let kv = "\(e.key) = \(e.value)"
                if origins == .trailing, let o = e.origin {
                    lines.append(kv + String(repeating: " ", count: max(1, width - kv.count + 2)) + "# \(o)")
                } else if origins == .above, let o = e.origin {
                    lines.append("# \(o)")
                    lines.append(kv)
                } else {
                    lines.append(kv)
                }
            }
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }
}
