/// One write of a zram setup, in the order the kernel requires (everything that configures the device must
/// precede disksize, which initializes it; swap comes last).
public enum ZramSetupStep: Equatable, Sendable, CustomStringConvertible {
    case compAlgorithm(String)
    case algorithmParams(String)
    case recompAlgorithm(String, priority: Int)
    case backingDev(String)
    case memLimit(UInt64)
    case disksize(UInt64)
    case mkswap(label: String)
    case swapon(priority: Int)

    /// The sysfs attribute the step writes, or what it does when it is not an attribute.
    public var target: String {
        switch self {
        case .compAlgorithm: "comp_algorithm"
        case .algorithmParams: "algorithm_params"
        case .recompAlgorithm: "recomp_algorithm"
        case .backingDev: "backing_dev"
        case .memLimit: "mem_limit"
        case .disksize: "disksize"
        case .mkswap: "mkswap"
        case .swapon: "swapon"
        }
    }

    public var description: String {
        switch self {
        case .compAlgorithm(let a): "write comp_algorithm = \(a)"
        case .algorithmParams(let p): "write algorithm_params = \(p)"
        case .recompAlgorithm(let a, let prio): "write recomp_algorithm = algo=\(a) priority=\(prio)"
        case .backingDev(let d): "write backing_dev = \(d)"
        case .memLimit(let b): "write mem_limit = \(b)"
        case .disksize(let b): "write disksize = \(b)"
        case .mkswap(let label): label.isEmpty ? "write a v1 swap signature" : "write a v1 swap signature (label \(label))"
        case .swapon(let p): p < 0 ? "swapon (kernel-chosen priority)" : "swapon with priority \(p)"
        }
    }
}
