import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

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
        var bytes = Array((message + "\n").utf8)   // write(2): FileHandle is Foundation, not FoundationEssentials
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }   // stderr closed or full: nothing else to tell
            done += n
        }
    }
}

extension Output {
    /// One JSON document on one line (`watch --json`), under the same policy as `printJSON`.
    static func printJSONLine<T: Encodable>(_ value: T) throws {
        print(String(decoding: try JSONDocument.encode(value, compact: true), as: UTF8.self))
    }
}
