import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// JSONEncoder's output with every key present: a nil optional is written as `null` (through `TreeEncoder`),
/// never left out. The one mechanism behind tmemctl's JSON: `--json` documents, plan and apply reports and the
/// apply records under /run all go through it, so no type writes its nulls by hand.
public struct EveryKeyJSONEncoder {
    public var outputFormatting: JSONEncoder.OutputFormatting
    /// Property names to snake_case, as `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase` does; a
    /// `[String: ...]` dictionary's keys are data and stay as they are either way.
    public var convertsToSnakeCase: Bool

    public init(outputFormatting: JSONEncoder.OutputFormatting = [], convertsToSnakeCase: Bool = false) {
        self.outputFormatting = outputFormatting
        self.convertsToSnakeCase = convertsToSnakeCase
    }

    public func encode<T: Encodable>(_ value: T) throws -> Data {
        try encode(tree: TreeEncoder.tree(of: value))
    }

    /// For callers that adjust the tree first (the CLI adds `schema_version`).
    public func encode(tree: JSONTree) throws -> Data {
        let encoder = JSONEncoder()
        if convertsToSnakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        encoder.outputFormatting = outputFormatting
        return try encoder.encode(tree)
    }
}
