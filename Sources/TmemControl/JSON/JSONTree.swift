/// A JSON value as `TreeEncoder` builds it. Objects remember whether their keys are Swift property names
/// (converted to snake_case, as JSONEncoder converts them) or a `[String: ...]` dictionary's own keys (kept).
public indirect enum JSONTree: Encodable, Sendable {
    case null
    case bool(Bool)
    case string(String)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case float(Float)
    case array([JSONTree])
    case object([(key: String, value: JSONTree)], convertsKeys: Bool)

    public struct Key: CodingKey {
        public var stringValue: String
        public var intValue: Int? { nil }
        public init(_ s: String) { stringValue = s }
        public init?(stringValue: String) { self.stringValue = stringValue }
        public init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let members, true):
            var c = encoder.container(keyedBy: Key.self)
            for m in members { try c.encode(m.value, forKey: Key(m.key)) }
        case .object(let members, false):
            // A [String: ...] dictionary: JSONEncoder leaves a dictionary's keys as they are.
            var c = encoder.singleValueContainer()
            try c.encode(Dictionary(members, uniquingKeysWith: { _, last in last }))
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for i in items { try c.encode(i) }
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .string(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .int(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .uint(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .double(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        case .float(let v): var c = encoder.singleValueContainer(); try c.encode(v)
        }
    }
}
