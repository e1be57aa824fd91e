import TmemCore

/// `[zswap]`: zswap's module parameters, and what to do when zswap would sit in front of zram swap.
public struct ZswapConfig: Sendable {
    public var origin: ConfigOrigin
    public var enabled: Sourced<Bool>?
    public var compressor: Sourced<String>?
    public var maxPoolPercent: Sourced<Int>?
    public var acceptThresholdPercent: Sourced<Int>?
    public var shrinkerEnabled: Sourced<Bool>?
    public var withZramSwap: Sourced<DesiredState.Zswap.WithZramSwap>?

    public init(origin: ConfigOrigin) { self.origin = origin }
}

/// `[sysctl]`: vm.swappiness and vm.page-cluster (set by apply, restored by teardown).
public struct SysctlConfig: Sendable {
    public var origin: ConfigOrigin
    public var swappiness: Sourced<Int>?
    public var pageCluster: Sourced<Int>?

    public init(origin: ConfigOrigin) { self.origin = origin }
}

/// `[boot]`: boot parameters by their command-line names, and where `apply` writes them.
public struct BootConfig: Sendable {
    public var origin: ConfigOrigin
    public var parameters: [BootParameter: Sourced<String>] = [:]
    public var target: Sourced<BootTarget>?

    public init(origin: ConfigOrigin) { self.origin = origin }
}
