import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Debian 12's zram-generator 1.1.2 run by scripts/zram-generator-oracle (as nobody, in a user and mount
/// namespace, on a fixture root): what the differential tests compare tmemctl with.
public struct ZramGeneratorOracle: Sendable {
    public let script: String
    public static let binary = "/var/cache/tmemctl-zramgen/lib/systemd/system-generators/zram-generator"

    /// nil when the package cannot be fetched or the isolation cannot be set up (not root, no user namespaces).
    public static func find() -> ZramGeneratorOracle? {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = repo.appendingPathComponent("scripts/zram-generator-oracle").path
        if !FileManager.default.isExecutableFile(atPath: binary) { _ = run(["/bin/sh", script, "--fetch"]) }
        guard FileManager.default.isExecutableFile(atPath: binary), geteuid() == 0,
              run(["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                   "/usr/bin/unshare", "-Urm", "/bin/true"]) == 0
        else { return nil }
        return ZramGeneratorOracle(script: script)
    }

    /// Generator step and --setup-device for ROOT; results under OUT (units/, setup/zramN/...).
    public func generate(root: String, out: String) { Self.run(["/bin/sh", script, root, out]) }

    @discardableResult
    public static func run(_ argv: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
