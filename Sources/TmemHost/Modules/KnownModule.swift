/// The modules tmemctl cares about, with what tells each one apart when it is built in.
public struct KnownModule: Sendable, Equatable {
    public var name: String
    /// A root-relative path present only while the driver is (nil when there is none).
    public var presence: String?
    /// Its Kconfig symbol.
    public var configSymbol: String

    public static let zram = KnownModule(name: "zram", presence: "sys/class/zram-control", configSymbol: "CONFIG_ZRAM")
    public static let zsmalloc = KnownModule(name: "zsmalloc", presence: nil, configSymbol: "CONFIG_ZSMALLOC")
    public static let all: [KnownModule] = [.zram, .zsmalloc]

    public static func named(_ name: String) -> KnownModule? { all.first { $0.name == KernelModules.normalized(name) } }
}

extension KernelModules {
    public func status(of module: KnownModule) -> ModuleStatus {
        status(of: module.name, presence: module.presence, configSymbol: module.configSymbol)
    }
}
