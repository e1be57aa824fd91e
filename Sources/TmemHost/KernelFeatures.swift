import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// What the zram/zsmalloc model needs to know about the running kernel, and where each answer came from.
public struct KernelFeatures: Equatable, Sendable {
    /// How the answer was found, best first.
    public enum Source: String, Codable, Sendable {
        /// CONFIG_ZSMALLOC_CHAIN_SIZE in /proc/config.gz.
        case procConfig = "/proc/config.gz"
        /// CONFIG_ZSMALLOC_CHAIN_SIZE in /boot/config-RELEASE.
        case bootConfig = "/boot/config"
        /// CONFIG_ZSMALLOC_CHAIN_SIZE in /usr/lib/modules/RELEASE/config.
        case modulesConfig = "/usr/lib/modules/config"
        /// No config readable: 8 from 6.3 on (the Kconfig default), the old 4-page rule before.
        case kernelVersion = "kernel version"

        init(_ config: KernelConfig.Source) {
            switch config {
            case .procConfigGz: self = .procConfig
            case .bootConfig: self = .bootConfig
            case .modulesConfig: self = .modulesConfig
            }
        }
    }

    /// The kernel release (`/proc/sys/kernel/osrelease`), e.g. "6.18.44-fc-v595"; nil if unreadable.
    public var release: String?
    public var chainRule: ZsmallocChainRule
    public var chainRuleSource: Source
    /// The configuration file the chain size was read from (absolute, under the root); nil for `.kernelVersion`.
    public var chainRuleConfigPath: String?

    /// Where the chain rule came from, as an admin can look it up: the file read, else "kernel version".
    public var chainRuleOrigin: String { chainRuleConfigPath ?? chainRuleSource.rawValue }

    public var classTable: ZsmallocClassTable { ZsmallocClassTable(rule: chainRule) }
    /// zram's huge threshold on this kernel.
    public var hugeClassSize: Int { classTable.hugeClassSize }

    public init(release: String?, chainRule: ZsmallocChainRule, chainRuleSource: Source, chainRuleConfigPath: String? = nil) {
        self.release = release
        self.chainRule = chainRule
        self.chainRuleSource = chainRuleSource
        self.chainRuleConfigPath = chainRuleConfigPath
    }

    /// Detects the running kernel's zsmalloc chain rule. Never fails: the version fallback always answers.
    public static func detect(root: SystemRoot) -> KernelFeatures {
        let release = KernelRelease.read(root: root)
        let version = release.flatMap(Self.version(ofRelease:))
        // A kernel before 6.3 has no chain size option, whatever a config file says.
        if let v = version, v < (6, 3) {
            return KernelFeatures(release: release, chainRule: .usagePercent, chainRuleSource: .kernelVersion)
        }
        if let config = KernelConfig.read(root: root, release: release), let n = chainSize(in: config) {
            return KernelFeatures(release: release, chainRule: .leastWaste(chainSize: n), chainRuleSource: Source(config.source),
                                  chainRuleConfigPath: config.path)
        }
        // 6.3 or later (or an unreadable release: assume a current kernel) with no config: the Kconfig default.
        return KernelFeatures(release: release, chainRule: .linuxDefault, chainRuleSource: .kernelVersion)
    }

    /// The kernel's page size in bytes: sysconf for the live root, else the first `KernelPageSize:` of the root's
    /// proc/self/smaps (a fixture); nil when unknown.
    public static func pageSize(root: SystemRoot) -> Int? {
        if root.isLive { return Int(sysconf(Int32(_SC_PAGESIZE))) }
        guard let text = try? root.read("proc/self/smaps") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("KernelPageSize:") {
            let fields = line.split(separator: " ")
            if fields.count >= 3, let kb = Int(fields[1]), fields[2] == "kB" { return kb * 1024 }
        }
        return nil
    }

    /// `CONFIG_ZSMALLOC_CHAIN_SIZE=N` in a kernel config, if present and in the Kconfig range 4...16.
    public static func chainSize(in config: KernelConfig) -> Int? {
        config.integer("CONFIG_ZSMALLOC_CHAIN_SIZE").flatMap { (4...16).contains($0) ? $0 : nil }
    }

    /// (major, minor) of a release string such as "6.18.44-fc-v595" or "6.1.0-13-amd64".
    public static func version(ofRelease release: String) -> (Int, Int)? {
        let parts = release.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        guard parts.count == 2, release.first?.isNumber == true else { return nil }
        return (parts[0], parts[1])
    }
}
