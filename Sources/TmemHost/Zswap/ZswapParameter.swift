import TmemCore

/// Every zswap module parameter any kernel has had (docs/kernel-notes.md#zswap-parameters, docs/kernel-eras.md). A kernel shows only some of them.
public enum ZswapParameter: String, CaseIterable, Codable, Sendable {
    case enabled
    case compressor
    case zpool                                                   // 5.15 ... 6.17
    case maxPoolPercent = "max_pool_percent"
    case acceptThresholdPercent = "accept_threshold_percent"    // 5.15+
    case shrinkerEnabled = "shrinker_enabled"                   // 6.8+
    case sameFilledPagesEnabled = "same_filled_pages_enabled"   // 5.15 ... 6.1
    case nonSameFilledPagesEnabled = "non_same_filled_pages_enabled" // 6.1
    case exclusiveLoads = "exclusive_loads"                     // 6.5 ... 6.8

    public enum Kind: Sendable { case bool, percent, name }

    public var kind: Kind {
        switch self {
        case .enabled, .shrinkerEnabled, .sameFilledPagesEnabled, .nonSameFilledPagesEnabled, .exclusiveLoads: .bool
        case .maxPoolPercent, .acceptThresholdPercent: .percent
        case .compressor, .zpool: .name
        }
    }

    /// The value as the kernel prints it back: bools as `Y`/`N` (kstrtobool's spellings accepted), numbers without
    /// leading zeros. nil when the value is not something the kernel would accept.
    public func normalize(_ value: String) -> String? {
        let v = value.trimmingWhitespace()
        switch kind {
        case .bool:
            switch v.lowercased() {
            case "y", "yes", "1", "t", "true", "e", "on": return "Y"
            case "n", "no", "0", "f", "false", "d", "off": return "N"
            default: return nil
            }
        case .percent:
            guard let n = UInt32(v) else { return nil }
            return "\(n)"
        case .name:
            guard !v.isEmpty, !v.contains(" "), v.utf8.count < 128 else { return nil }
            return v
        }
    }
}
