import Foundation

/// tmemctl's JSON policy, applied to every `--json` document in one place:
///   - a `"schema_version"` at the top (the document is an object);
///   - every key always present: an optional that is nil is written as `null`, never left out.
/// Synthesized `Encodable` conformances leave nil optionals out (`encodeIfPresent`), so the value is first
/// encoded through `TreeEncoder`, whose containers write those as null, then the tree goes through
/// `JSONEncoder` so numbers, strings and snake_case keys come out exactly as JSONEncoder writes them.
enum JSONDocument {
    /// Bumped when a key is renamed or removed or its meaning changes; adding keys does not bump it.
    static let schemaVersion = 1

    /// `compact`: one line (`watch --json` prints one document per line).
    static func encode<T: Encodable>(_ value: T, compact: Bool = false) throws -> Data {
        let tree = try TreeEncoder.tree(of: value)
        guard case .object(var members, let convertsKeys) = tree else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "a JSON document is an object"))
        }
        // A report that carries its own version (a configuration format's) keeps it.
        if !members.contains(where: { $0.key == "schemaVersion" || $0.key == "schema_version" }) {
            members.append((convertsKeys ? "schemaVersion" : "schema_version", .int(Int64(schemaVersion))))
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = compact ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(JSONTree.object(members, convertsKeys: convertsKeys))
    }
}

/// A JSON value as `TreeEncoder` builds it. Objects remember whether their keys are Swift property names
/// (converted to snake_case, as JSONEncoder converts them) or a `[String: ...]` dictionary's own keys (kept).
indirect enum JSONTree: Encodable {
    case null
    case bool(Bool)
    case string(String)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case float(Float)
    case array([JSONTree])
    case object([(key: String, value: JSONTree)], convertsKeys: Bool)

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
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
