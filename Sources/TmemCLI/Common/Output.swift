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
    /// One JSON document on one line (`watch --json`), under the same policy as `printJSON`.
    static func printJSONLine<T: Encodable>(_ value: T) throws {
        print(String(decoding: try JSONDocument.encode(value, compact: true), as: UTF8.self))
    }
}
