import Foundation
import TmemHost

/// A throwaway directory tree standing in for `/`: tests write the sysfs/procfs files they need.
public final class FakeRoot {
    public let directory: URL
    public var root: SystemRoot { SystemRoot(directory.path) }

    public init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tmemctl-fakeroot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Creates `relative` (and its parents) with `contents`.
    @discardableResult
    public func file(_ relative: String, _ contents: String = "", mode: Int = 0o644) throws -> URL {
        let url = directory.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url
    }

    /// Creates `relative` (ending in `.gz`) holding `contents` compressed by gzip(1), an encoder independent of ours.
    public func gzippedFile(_ relative: String, _ contents: String) throws {
        precondition(relative.hasSuffix(".gz"), "gzip names its output NAME.gz")
        let plain = try file(String(relative.dropLast(3)), contents)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-n", "-f", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        guard gzip.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    public func directory(_ relative: String) throws {
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(relative), withIntermediateDirectories: true)
    }

    public func contents(_ relative: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
    }
}
