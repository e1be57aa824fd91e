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

    /// Every regular file of the tree and its text, keyed by root-relative path: "bad input changes nothing"
    /// compares this before and after a run.
    public func regularFileContents() throws -> [String: String] {
        var out: [String: String] = [:]
        let e = FileManager.default.enumerator(atPath: directory.path)!
        while let p = e.nextObject() as? String {
            // Device nodes (mknod'ed holders) and directories are left out: only regular files have text.
            let values = try directory.appendingPathComponent(p).resourceValues(forKeys: [.isRegularFileKey])
            if values.isRegularFile == true { out[p] = try contents(p) }
        }
        return out
    }

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
