import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemControl

/// tmemctl's JSON policy, applied to every `--json` document in one place:
///   - a `"schema_version"` at the top (the document is an object);
///   - every key always present: an optional that is nil is written as `null`, never left out.
/// Synthesized `Encodable` conformances leave nil optionals out (`encodeIfPresent`), so the value is first
/// encoded through `TreeEncoder`, whose containers write those as null, then the tree goes through
/// `EveryKeyJSONEncoder` so numbers, strings and snake_case keys come out exactly as JSONEncoder writes them.
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
        let encoder = EveryKeyJSONEncoder(
            outputFormatting: compact ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes],
            convertsToSnakeCase: true)
        return try encoder.encode(tree: .object(members, convertsKeys: convertsKeys))
    }
}
