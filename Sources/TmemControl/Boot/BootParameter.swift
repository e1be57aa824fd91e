import TmemCore
import TmemHost

/// The boot-time parameters tmemctl manages (docs/kernel-notes.md#zram-control, #zswap-parameters, #boot-configuration), named as on the kernel command line.
public enum BootParameter: String, CaseIterable, Codable, Sendable, Comparable {
    case zswapEnabled = "zswap.enabled"
    case zswapCompressor = "zswap.compressor"
    case zswapMaxPoolPercent = "zswap.max_pool_percent"
    case zswapAcceptThresholdPercent = "zswap.accept_threshold_percent"
    case zswapShrinkerEnabled = "zswap.shrinker_enabled"
    case zramNumDevices = "zram.num_devices"

    /// More devices than this is a typo, not a plan (the same bound as `module load --num-devices`).
    public static let maxZramDevices = 1024
    /// zswap's Kconfig compressor choices (docs/kernel-notes.md#zswap-parameters): names a kernel may offer once a module is loaded.
    public static let kconfigCompressors = ["deflate", "lzo", "842", "lz4", "lz4hc", "zstd"]

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Accepts `zswap.max_pool_percent` and `zswap.max-pool-percent`.
    public init?(name: String) {
        guard let p = Self.allCases.first(where: { KernelCommandLine.sameName($0.rawValue, name) }) else { return nil }
        self = p
    }

    public var module: String { String(rawValue.prefix { $0 != "." }) }
    public var parameter: String { String(rawValue.drop { $0 != "." }.dropFirst()) }
    public var zswapParameter: ZswapParameter? { module == "zswap" ? ZswapParameter(rawValue: parameter) : nil }

    /// The value as it will be written (bools as Y/N, as sysfs shows them), or the reason it is refused.
    /// `warnings` collects what is allowed but worth saying.
    public func validated(_ raw: String, root: SystemRoot, warnings: inout [String]) throws(InvalidRequest) -> String {
        if self == .zramNumDevices {
            guard let n = Int(raw.trimmingWhitespace()), (0...Self.maxZramDevices).contains(n) else {
                throw InvalidRequest("\(rawValue) must be a whole number 0...\(Self.maxZramDevices), not '\(raw)'")
            }
            return "\(n)"
        }
        let p = zswapParameter!
        guard let v = p.normalize(raw) else {
            let want = p.kind == .bool ? "Y or N (also yes/no, 1/0, on/off)" : p.kind == .percent ? "a whole number 0...100" : "a compressor name"
            throw InvalidRequest("invalid value '\(raw)' for \(rawValue): expected \(want)")
        }
        if p.kind == .percent, let n = Int(v), n > 100 {
            throw InvalidRequest("\(rawValue) is a percentage: give 0...100, not \(n)")
        }
        if p == .compressor { try Self.checkCompressor(v, root: root, warnings: &warnings) }
        return v
    }

    /// A compressor in /proc/crypto is fine; one of zswap's Kconfig choices may need a module and is allowed with
    /// a warning (at boot the kernel falls back to its default when it is missing); anything else is refused.
    static func checkCompressor(_ name: String, root: SystemRoot, warnings: inout [String]) throws(InvalidRequest) {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw InvalidRequest("'\(name)' is not a compressor name (letters, digits and '-' only)")
        }
        let offered = try? ProcCrypto.compressors(root: root)
        if let offered, offered.contains(name) { return }
        guard kconfigCompressors.contains(name) else {
            let known = (offered ?? []) + kconfigCompressors.filter { !(offered ?? []).contains($0) }
            throw InvalidRequest("zswap compressor '\(name)' is unknown to this kernel (available: \(known.joined(separator: " ")))")
        }
        let why = offered == nil ? "\(ProcCrypto.kernelPath) could not be read" : "'\(name)' is not registered in \(ProcCrypto.kernelPath) now"
        warnings.append("\(why); if it is not built in or loadable at boot, zswap falls back to its default compressor (CONFIG_ZSWAP_COMPRESSOR_DEFAULT)")
    }

    /// Values compare as the kernel would show them (`1` and `Y` are the same boolean).
    public func sameValue(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        if let p = zswapParameter, let x = p.normalize(a), let y = p.normalize(b) { return x == y }
        return a.trimmingWhitespace() == b.trimmingWhitespace()
    }
}

/// Where `boot set` writes.
public enum BootTarget: String, CaseIterable, Codable, Sendable {
    case grub
    case kernelCmdline = "kernel-cmdline"
    case modprobe
    case auto
}
