import CShimSystem
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
        /// No config readable: 8 from 6.3 on (the Kconfig default), the old 4-page rule before.
        case kernelVersion = "kernel version"
    }

    /// The kernel release (`/proc/sys/kernel/osrelease`), e.g. "6.18.44-fc-v595"; nil if unreadable.
    public var release: String?
    public var chainRule: ZsmallocChainRule
    public var chainRuleSource: Source

    public var classTable: ZsmallocClassTable { ZsmallocClassTable(rule: chainRule) }
    /// zram's huge threshold on this kernel.
    public var hugeClassSize: Int { classTable.hugeClassSize }

    public init(release: String?, chainRule: ZsmallocChainRule, chainRuleSource: Source) {
        self.release = release
        self.chainRule = chainRule
        self.chainRuleSource = chainRuleSource
    }

    /// Detects the running kernel's zsmalloc chain rule. Never fails: the version fallback always answers.
    public static func detect(root: SystemRoot) -> KernelFeatures {
        let release = (try? root.read("proc/sys/kernel/osrelease"))?.trimmingWhitespace()
        let version = release.flatMap(Self.version(ofRelease:))
        // A kernel before 6.3 has no chain size option, whatever a config file says.
        if let v = version, v < (6, 3) {
            return KernelFeatures(release: release, chainRule: .usagePercent, chainRuleSource: .kernelVersion)
        }
        if let text = readGzip(root.absolute("proc/config.gz")), let n = chainSize(inConfig: text) {
            return KernelFeatures(release: release, chainRule: .leastWaste(chainSize: n), chainRuleSource: .procConfig)
        }
        if let r = release, let text = try? root.read("boot/config-\(r)"), let n = chainSize(inConfig: text) {
            return KernelFeatures(release: release, chainRule: .leastWaste(chainSize: n), chainRuleSource: .bootConfig)
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
    public static func chainSize(inConfig text: String) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix("CONFIG_ZSMALLOC_CHAIN_SIZE=") {
            if let n = Int(line.dropFirst("CONFIG_ZSMALLOC_CHAIN_SIZE=".count)), (4...16).contains(n) { return n }
        }
        return nil
    }

    /// (major, minor) of a release string such as "6.18.44-fc-v595" or "6.1.0-13-amd64".
    public static func version(ofRelease release: String) -> (Int, Int)? {
        let parts = release.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        guard parts.count == 2, release.first?.isNumber == true else { return nil }
        return (parts[0], parts[1])
    }

    private static func readGzip(_ path: String) -> String? {
        let capacity = 4 << 20      // kernel configs are ~300 KiB uncompressed
        var buffer = [UInt8](repeating: 0, count: capacity)
        let n = buffer.withUnsafeMutableBytes { cshim_gunzip_file(path, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), capacity) }
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }
}
