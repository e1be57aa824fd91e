import TmemCore
import TmemHost

/// What this kernel's zram offers, read from an existing device without changing anything. nil in a
/// `CurrentState` means unknown: no zram sysfs (a fake root holding only configuration) or no device to read.
public struct KernelCapabilities: Codable, Equatable, Sendable {
    /// comp_algorithm's list, in the kernel's order.
    public var algorithms: [String]
    /// The algorithm a new device gets; nil when no uninitialized device showed it.
    public var defaultAlgorithm: String?
    public var hasAlgorithmParams: Bool
    public var hasRecompression: Bool
    public var hasBackingDev: Bool

    public init(algorithms: [String], defaultAlgorithm: String?, hasAlgorithmParams: Bool, hasRecompression: Bool,
                hasBackingDev: Bool) {
        self.algorithms = algorithms
        self.defaultAlgorithm = defaultAlgorithm
        self.hasAlgorithmParams = hasAlgorithmParams
        self.hasRecompression = hasRecompression
        self.hasBackingDev = hasBackingDev
    }

    /// From the first readable device; the default from an uninitialized one that apply did not configure
    /// (on 6.1 a reset keeps the algorithm, so a device apply configured may show its own choice).
    static func read(devices: [ZramDevice], owned: Set<Int>) throws(HostError) -> KernelCapabilities? {
        guard let any = devices.first(where: { $0.has(.compAlgorithm) }) else { return nil }
        let list = try any.algorithms()
        var fallback: String?
        for d in devices where !owned.contains(d.id) && d.has(.compAlgorithm) {
            if (try? d.isInitialized()) == false, let sel = (try? d.algorithms())?.selected {
                fallback = sel
                break
            }
        }
        return KernelCapabilities(algorithms: list.available, defaultAlgorithm: fallback,
                                  hasAlgorithmParams: any.has(.algorithmParams), hasRecompression: any.has(.recompAlgorithm),
                                  hasBackingDev: any.has(.backingDev))
    }

    enum CodingKeys: String, CodingKey {
        case algorithms
        case defaultAlgorithm = "default_algorithm", hasAlgorithmParams = "algorithm_params"
        case hasRecompression = "recompression", hasBackingDev = "backing_dev"
    }
}
