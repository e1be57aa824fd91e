import TmemCore
import TmemHost

/// What a kernel lets `zram idle`, `zram writeback` and `zram recompress` do, found before any write
/// (docs/kernel-notes.md#zram-writeback, #zram-recompression, #zram-tiering-probes). A file's presence answers
/// for writeback and recompression (the files exist only with their options); idle with an age needs the kernel
/// configuration, because the `idle` file exists either way and only its parser differs.
public struct ZramTierCapabilities: Sendable, Equatable {
    /// The kernel release, nil when unreadable.
    public var release: String?
    /// What the `writeback` file accepts, by version (a current kernel when the version is unknown).
    public var writebackSyntax: ZramWritebackSyntax
    /// Whether `idle` takes a number of seconds: true or false from the kernel config, nil when no config is readable.
    public var idleTakesAge: Bool?
    /// The config file that answered `idleTakesAge`, for messages.
    public var configPath: String?

    public init(release: String?, writebackSyntax: ZramWritebackSyntax, idleTakesAge: Bool?, configPath: String?) {
        self.release = release
        self.writebackSyntax = writebackSyntax
        self.idleTakesAge = idleTakesAge
        self.configPath = configPath
    }

    /// The two names the option that records slot access times has had (MEMORY_TRACKING until 6.9, then
    /// TRACK_ENTRY_ACTIME, which MEMORY_TRACKING selects).
    public static let ageOptions = ["CONFIG_ZRAM_TRACK_ENTRY_ACTIME", "CONFIG_ZRAM_MEMORY_TRACKING"]

    public static func probe(root: SystemRoot) -> ZramTierCapabilities {
        let release = KernelRelease.read(root: root)
        let version = release.flatMap(KernelFeatures.version(ofRelease:)) ?? (99, 0)
        let config = KernelConfig.read(root: root, release: release)
        let age = config.map { c in Self.ageOptions.contains { c.value($0) == "y" } }
        return ZramTierCapabilities(release: release, writebackSyntax: .forKernel(major: version.0, minor: version.1),
                                    idleTakesAge: age, configPath: config?.path)
    }

    var kernelName: String { release.map { "kernel \($0)" } ?? "this kernel" }
}

/// The kernel cannot do what was asked (an option it was built without, a device not set up for it): exit 1,
/// nothing written. The message names the kernel option or the missing setup.
public struct ZramTierRefusal: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
