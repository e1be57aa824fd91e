/// tmem's 192-bit object id (Linux 3.0 `struct tmem_oid`): three u64 words. Ordering compares word 2 first,
/// then 1, then 0, as `tmem_oid_compare` does; the all-ones value is reserved as "invalid".
public struct TmemObjectID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var oid: (UInt64, UInt64, UInt64)

    public init(_ w0: UInt64, _ w1: UInt64 = 0, _ w2: UInt64 = 0) { oid = (w0, w1, w2) }

    /// The reserved id that no object may carry.
    public static let invalid = TmemObjectID(.max, .max, .max)

    public var isValid: Bool { self != .invalid }

    public static func == (a: TmemObjectID, b: TmemObjectID) -> Bool {
        a.oid.0 == b.oid.0 && a.oid.1 == b.oid.1 && a.oid.2 == b.oid.2
    }

    public static func < (a: TmemObjectID, b: TmemObjectID) -> Bool {
        if a.oid.2 != b.oid.2 { return a.oid.2 < b.oid.2 }
        if a.oid.1 != b.oid.1 { return a.oid.1 < b.oid.1 }
        return a.oid.0 < b.oid.0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(oid.0)
        hasher.combine(oid.1)
        hasher.combine(oid.2)
    }

    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        self.init(try c.decode(UInt64.self), try c.decode(UInt64.self), try c.decode(UInt64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(oid.0)
        try c.encode(oid.1)
        try c.encode(oid.2)
    }

    public var description: String { "\(oid.2):\(oid.1):\(oid.0)" }
}

/// One page's address inside a pool: object and page index (u32, as in tmem's pamops).
public struct TmemPageKey: Hashable, Sendable {
    public var object: TmemObjectID
    public var index: UInt32

    public init(object: TmemObjectID, index: UInt32) {
        self.object = object
        self.index = index
    }
}
