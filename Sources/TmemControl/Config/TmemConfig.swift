import TmemCore

/// The merged configuration: every file of `ConfigSources` read in order, later values replacing earlier ones
/// key by key, with the findings (errors and warnings) of reading it. Nothing is evaluated against the host
/// yet; `ConfigResolver` does that.
public struct TmemConfig: Sendable {
    public var sources: ConfigSources
    /// By index.
    public var devices: [Int: ZramDeviceConfig] = [:]
    public var zswap: ZswapConfig?
    public var sysctl: SysctlConfig?
    public var boot: BootConfig?
    public var diagnostics: [ConfigDiagnostic] = []

    public init(sources: ConfigSources) { self.sources = sources }

    public var errors: [ConfigDiagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [ConfigDiagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var sortedDevices: [ZramDeviceConfig] { devices.keys.sorted().map { devices[$0]! } }
}
