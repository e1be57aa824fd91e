import TmemCore

// The value types live in TmemCore, shared with the zram model's predictions; the parsers are here.
@_exported import struct TmemCore.IOStat
@_exported import struct TmemCore.BDStat

extension IOStat {
    public init(parsing text: String, path: String) throws(HostError) {
        let v = try StatLine.numbers(text, path: path, allowedCounts: [4])
        self.init(failedReads: v[0], failedWrites: v[1],
                  invalidIo: IOStat.thirdFieldIsPlaceholder(text) ? nil : v[2], notifyFree: v[3])
    }

    /// True when the third field is a bare `0` preceded by a single space, i.e. not printed with `%8llu`.
    static func thirdFieldIsPlaceholder(_ text: String) -> Bool {
        let chars = Array(text)
        var i = 0
        var field = 0
        while i < chars.count {
            while i < chars.count, chars[i] == " " { i += 1 }
            let start = i
            while i < chars.count, chars[i] != " ", chars[i] != "\n" { i += 1 }
            if start == i { break }
            if field == 2 {
                let token = String(chars[start..<i])
                let gap = start >= 2 && chars[start - 1] == " " && chars[start - 2] != " "
                return token == "0" && gap
            }
            field += 1
        }
        return false
    }
}

extension BDStat {
    public init(parsing text: String, path: String) throws(HostError) {
        let v = try StatLine.numbers(text, path: path, allowedCounts: [3])
        self.init(bdCount: v[0], bdReads: v[1], bdWrites: v[2])
    }
}

/// `debug_stat`: `version: 1` then two numbers. Up to 6.12 they were writestall and miss_free; 6.18 prints a
/// literal 0 in place of writestall. The kernel calls the format unstable, so only version 1 is accepted.
public struct DebugStat: Codable, Equatable, Sendable {
    public var version: Int
    public var writestall: UInt64
    public var missFree: UInt64

    public init(version: Int = 1, writestall: UInt64 = 0, missFree: UInt64 = 0) {
        self.version = version
        self.writestall = writestall
        self.missFree = missFree
    }

    public init(parsing text: String, path: String) throws(HostError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count == 2, lines[0].hasPrefix("version:"),
              let version = Int(lines[0].dropFirst("version:".count).trimmingWhitespace())
        else {
            throw HostError.malformed("debug_stat", in: path, hint: "expected 'version: N' and one stat line")
        }
        guard version == 1 else {
            throw HostError(subject: HostError.fileName(path), action: "unsupported debug_stat version \(version) in", path: path, hint: "tmemctl reads version 1")
        }
        let v = try StatLine.numbers(String(lines[1]), path: path, allowedCounts: [2])
        self.init(version: version, writestall: v[0], missFree: v[1])
    }
}

/// Linux 4.0 and older: one file per counter, each `%llu\n` (`zero_pages` where mm_stat later has same_pages).
public struct LegacyZramStats: Codable, Equatable, Sendable {
    public var origDataSize: UInt64
    public var comprDataSize: UInt64
    public var memUsedTotal: UInt64
    public var zeroPages: UInt64
    public var memLimit: UInt64?
    public var memUsedMax: UInt64?
    public var numReads: UInt64?
    public var numWrites: UInt64?
    public var failedReads: UInt64?
    public var failedWrites: UInt64?
    public var invalidIo: UInt64?
    public var notifyFree: UInt64?

    /// The part of mm_stat these files cover. 4.0 did not count compaction or huge pages, so those are 0, and
    /// huge_pages_since is nil as on every kernel before it existed.
    public var mmStat: MMStat {
        MMStat(origDataSize: origDataSize, comprDataSize: comprDataSize, memUsedTotal: memUsedTotal,
               memLimit: memLimit ?? 0, memUsedMax: memUsedMax ?? 0, samePages: zeroPages,
               pagesCompacted: 0, hugePages: 0, hugePagesSince: nil)
    }
}

extension ZramDevice {
    /// One `%llu` per file, strictly.
    func singleNumber(_ attribute: ZramAttribute) throws(HostError) -> UInt64 {
        let path = root.absolute(attributePath(attribute.rawValue))
        return try StatLine.numbers(try read(attribute), path: path, allowedCounts: [1])[0]
    }

    func optionalNumber(_ attribute: ZramAttribute) throws(HostError) -> UInt64? {
        has(attribute) ? try singleNumber(attribute) : nil
    }

    /// io_stat, or nil when the kernel has none (4.0 and older: see `legacyStats()`).
    public func ioStat() throws(HostError) -> IOStat? {
        guard has(.ioStat) else { return nil }
        return try IOStat(parsing: try read(.ioStat), path: root.absolute(attributePath(ZramAttribute.ioStat.rawValue)))
    }

    public func bdStat() throws(HostError) -> BDStat? {
        guard has(.bdStat) else { return nil }
        return try BDStat(parsing: try read(.bdStat), path: root.absolute(attributePath(ZramAttribute.bdStat.rawValue)))
    }

    public func debugStat() throws(HostError) -> DebugStat? {
        guard has(.debugStat) else { return nil }
        return try DebugStat(parsing: try read(.debugStat), path: root.absolute(attributePath(ZramAttribute.debugStat.rawValue)))
    }

    /// The per-file stats of Linux 4.0 and older; nil when the kernel has mm_stat instead.
    public func legacyStats() throws(HostError) -> LegacyZramStats? {
        guard has(.origDataSize) else { return nil }
        return LegacyZramStats(
            origDataSize: try singleNumber(.origDataSize), comprDataSize: try singleNumber(.comprDataSize),
            memUsedTotal: try singleNumber(.memUsedTotal), zeroPages: try singleNumber(.zeroPages),
            memLimit: try optionalNumber(.memLimit), memUsedMax: try optionalNumber(.memUsedMax),
            numReads: try optionalNumber(.numReads), numWrites: try optionalNumber(.numWrites),
            failedReads: try optionalNumber(.failedReads), failedWrites: try optionalNumber(.failedWrites),
            invalidIo: try optionalNumber(.invalidIo), notifyFree: try optionalNumber(.notifyFree))
    }

    /// mm_stat, or the same numbers assembled from the per-file stats of older kernels.
    public func memoryStats() throws(HostError) -> MMStat {
        if has(.mmStat) { return try mmStat() }
        if let legacy = try legacyStats() { return legacy.mmStat }
        throw HostError(subject: name, action: "cannot read memory stats from", path: root.absolute(attributePath("mm_stat")),
                        errno: .noSuchFileOrDirectory, hint: "neither mm_stat nor the per-file stats exist")
    }
}
