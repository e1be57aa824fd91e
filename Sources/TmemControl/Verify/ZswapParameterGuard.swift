import TmemHost

/// Saves every zswap parameter before a run changes any, and puts them back afterwards (enabled last, so zswap
/// does not briefly run with a half-restored configuration).
public enum ZswapParameterGuard {
    static let restoreOrder: [ZswapParameter] = [
        .compressor, .zpool, .maxPoolPercent, .acceptThresholdPercent, .shrinkerEnabled,
        .sameFilledPagesEnabled, .nonSameFilledPagesEnabled, .exclusiveLoads, .enabled,
    ]

    /// Returns the saved values; the restore is pushed onto `cleanup`.
    @discardableResult
    public static func save(_ zswap: Zswap, cleanup: CleanupStack) throws(HostError) -> [ZswapParameter: String] {
        let saved = try zswap.parameters()
        cleanup.push("restore zswap parameters") { try restore(saved, on: zswap) }
        return saved
    }

    public static func restore(_ saved: [ZswapParameter: String], on zswap: Zswap) throws(HostError) {
        var firstError: HostError?
        for p in restoreOrder {
            guard let want = saved[p] else { continue }
            do {
                if try zswap.value(p) != want { try zswap.set(p, to: want) }
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let e = firstError { throw e }
    }
}
