import Foundation

/// Runs Prometheus's `promtool` (Debian package `prometheus`, installed by scripts/bootstrap): the judge of
/// tmemctl's exposition text and of the alerting rules.
public enum Promtool {
    public static let path: String? = ["/usr/bin/promtool", "/usr/local/bin/promtool"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    public static let missingReason = "promtool not found: run scripts/bootstrap (it installs Debian's prometheus package)"

    public struct Result: Sendable {
        public let status: Int32
        public let output: String
    }

    /// `promtool ARGS` with `input` on stdin; stdout and stderr together.
    public static func run(_ arguments: [String], input: String = "") throws -> Result {
        guard let exe = path else { throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: missingReason]) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = arguments
        let stdin = Pipe()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("promtool-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        p.standardInput = stdin
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        p.waitUntilExit()
        try handle.close()
        return Result(status: p.terminationStatus, output: (try? String(contentsOf: out, encoding: .utf8)) ?? "")
    }

    /// `promtool check metrics` on exposition text: status 0 and no lint output means clean.
    public static func checkMetrics(_ text: String) throws -> Result { try run(["check", "metrics"], input: text) }
}

/// The samples of an exposition text, parsed independently of tmemctl's writer: `name{labels}` → value text.
public enum ExpositionSamples {
    public static func parse(_ text: String) -> [String: String] {
        var samples: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else { continue }
            samples[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        return samples
    }
}
