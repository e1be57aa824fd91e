import TmemCore

/// One device's declared tiering (its `[zramN]` keys), what a `tmemctl policy run` round does.
public struct TieringPolicy: Equatable, Sendable {
    public var device: String
    /// How old a page must be to count as idle; nil marks nothing (idle writeback then takes what is still
    /// marked from before).
    public var idleAge: IdleAge?
    /// Bytes per UTC day; nil for no cap.
    public var writebackBudget: UInt64?
    /// Written back in this order; empty for no writeback.
    public var writebackTypes: [ZramWritebackType]
    public var recompressType: ZramTierOperation.RecompressType?
    public var recompressThreshold: UInt64?

    public init(device: String, idleAge: IdleAge? = nil, writebackBudget: UInt64? = nil,
                writebackTypes: [ZramWritebackType] = [], recompressType: ZramTierOperation.RecompressType? = nil,
                recompressThreshold: UInt64? = nil) {
        self.device = device
        self.idleAge = idleAge
        self.writebackBudget = writebackBudget
        self.writebackTypes = writebackTypes
        self.recompressType = recompressType
        self.recompressThreshold = recompressThreshold
    }

    /// The section's policy, or nil when it declares none. Writeback happens when a writeback device or any
    /// writeback key is given (types default to idle); recompression only with recompress-type.
    public init?(_ c: ZramDeviceConfig) {
        guard c.hasTieringPolicy else { return nil }
        let writes = c.writebackTypes != nil || c.writebackBudget != nil || c.writebackDevice != nil || c.idleAge != nil
        self.init(device: c.name, idleAge: c.idleAge?.value, writebackBudget: c.writebackBudget?.value,
                  writebackTypes: writes ? (c.writebackTypes?.value ?? ZramDeviceConfig.defaultWritebackTypes) : [],
                  recompressType: c.recompressType?.value, recompressThreshold: c.recompressThreshold?.value)
    }
}
