import Foundation

/// Results go to stdout, diagnostics to stderr; JSON is one Codable model per command with
/// snake_case keys (Swift's camelCase names are the kernel's field names in camelCase), written as a
/// `JSONDocument` (schema_version at the top, every key present).
enum Output {
    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONDocument.encode(value), as: UTF8.self)
    }

    static func printJSON<T: Encodable>(_ value: T) throws {
        print(try json(value))
    }

    static func diagnostic(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

extension Output {
    /// One compact JSON object on one line (`watch --json`), keys sorted, snake_case.
    static func printJSONLine<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return }
        print(String(decoding: data, as: UTF8.self))
    }
}
