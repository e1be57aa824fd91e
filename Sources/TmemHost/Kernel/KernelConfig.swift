import CShimSystem
import SystemPackage
import TmemCore

/// The running kernel's build configuration (`CONFIG_X=value` lines), for every user that asks about a kernel
/// option. Read from the first of these under the root that can be read; they describe the same kernel, so the
/// first one found answers for all symbols:
/// 1. `/proc/config.gz`, the kernel's own copy (CONFIG_IKCONFIG_PROC);
/// 2. `/boot/config-RELEASE`, where most distributions install it;
/// 3. `/usr/lib/modules/RELEASE/config`, the only copy Debian's newest kernel packages ship.
public struct KernelConfig: Equatable, Sendable {
    public enum Source: String, Codable, Sendable, CaseIterable {
        case procConfigGz = "/proc/config.gz"
        case bootConfig = "/boot/config-RELEASE"
        case modulesConfig = "/usr/lib/modules/RELEASE/config"

        /// The root-relative file for a kernel release (nil: this source needs the release, which is unknown).
        public func relativePath(release: String?) -> String? {
            switch self {
            case .procConfigGz: "proc/config.gz"
            case .bootConfig: release.map { "boot/config-\($0)" }
            case .modulesConfig: release.map { "usr/lib/modules/\($0)/config" }
            }
        }
    }

    public let source: Source
    /// The absolute path of the file that was read.
    public let path: String
    /// Set symbols by name (`CONFIG_ZRAM` → `y`); `# CONFIG_X is not set` lines are absent.
    public let values: [String: String]

    public init(source: Source, path: String, text: String) {
        self.source = source
        self.path = path
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("CONFIG_") {
            let kv = line.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { values[String(kv[0])] = String(kv[1]) }
        }
        self.values = values
    }

    /// A symbol's value as the file spells it (`y`, `m`, `8`, `"lzo-rle"`); nil when it is not set.
    public func value(_ symbol: String) -> String? { values[symbol] }

    /// A numeric symbol (`CONFIG_ZSMALLOC_CHAIN_SIZE=8`).
    public func integer(_ symbol: String) -> Int? { value(symbol).flatMap { Int($0) } }

    /// Reads the first configuration found, nil when there is none. `release` defaults to the root's running kernel.
    public static func read(root: SystemRoot, release: String? = nil) -> KernelConfig? {
        let release = release ?? KernelRelease.read(root: root)
        for source in Source.allCases {
            guard let relative = source.relativePath(release: release) else { continue }
            let text: String? = source == .procConfigGz ? gunzip(root.absolute(relative)) : try? root.read(relative)
            if let text { return KernelConfig(source: source, path: root.absolute(relative), text: text) }
        }
        return nil
    }

    private static func gunzip(_ path: String) -> String? {
        let capacity = 4 << 20      // kernel configs are ~300 KiB uncompressed
        var buffer = [UInt8](repeating: 0, count: capacity)
        let n = buffer.withUnsafeMutableBytes { cshim_gunzip_file(path, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), capacity) }
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : nil
    }
}
