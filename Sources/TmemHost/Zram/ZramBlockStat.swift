/// `/sys/block/zramN/stat`, the block layer's per-device I/O counters (Documentation/block/stat.rst): 11
/// fields before Linux 4.18, 15 with discards, 17 with flushes since 5.5. Sectors are 512 bytes whatever the
/// device's block size. For zram, written sectors are pages stored and discarded sectors pages freed
/// (docs/kernel-notes.md#block-stat).
public struct BlockStat: Equatable, Sendable {
    public var readIOs: UInt64
    public var readSectors: UInt64
    public var writeIOs: UInt64
    public var writeSectors: UInt64
    /// nil before Linux 4.18.
    public var discardSectors: UInt64?

    public init(readIOs: UInt64, readSectors: UInt64, writeIOs: UInt64, writeSectors: UInt64, discardSectors: UInt64?) {
        self.readIOs = readIOs
        self.readSectors = readSectors
        self.writeIOs = writeIOs
        self.writeSectors = writeSectors
        self.discardSectors = discardSectors
    }

    public init(parsing text: String, path: String) throws(HostError) {
        let v = try StatLine.numbers(text, path: path, allowedCounts: [11, 15, 17])
        self.init(readIOs: v[0], readSectors: v[2], writeIOs: v[4], writeSectors: v[6],
                  discardSectors: v.count >= 15 ? v[13] : nil)
    }
}

extension ZramDevice {
    public func blockStat() throws(HostError) -> BlockStat {
        try BlockStat(parsing: try read("stat"), path: root.absolute(attributePath("stat")))
    }
}
