import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs scripts/qemu-guest (the guest harness) from tests: boots one of Debian's kernels under QEMU software
/// emulation, runs a command list in the guest and returns its output. See the script's header for what the
/// guest offers (/in, /out, the kernel's config, the modules).
public enum GuestHarness {
    /// The kernel eras the harness boots, with the Debian release each comes from.
    public static let eras = ["6.1", "6.12", "7.2"]

    public struct Result: Sendable {
        /// The harness's exit status: the guest command's, 124 on timeout, 125 when the harness failed.
        public let status: Int32
        /// The guest command's stdout.
        public let stdout: String
        /// The guest's console (kernel messages, the command's stderr) and the harness's own messages.
        public let console: String
        /// Host wall time of the whole run (fetch, boot, command, poweroff).
        public let seconds: Double
        /// Files the guest left under /out, when `outputDirectory` was given.
        public let outputDirectory: URL?
    }

    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    public static let script = repository.appendingPathComponent("scripts/qemu-guest")

    static func onPath(_ tool: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }

    /// Why guests cannot run here, or nil when they can (the harness installs qemu itself when it is root).
    public static var skipReason: String? {
        if ProcessInfo.processInfo.environment["TMEMCTL_SKIP_QEMU"] == "1" { return "TMEMCTL_SKIP_QEMU=1" }
        #if !arch(x86_64)
        return "Debian's amd64 kernels boot only on an x86_64 host here"
        #else
        if !onPath("apt-get") { return "no apt-get: Debian's kernel packages cannot be fetched" }
        if !onPath("qemu-system-x86_64") && geteuid() != 0 { return "qemu-system-x86 is not installed and installing it needs root" }
        return nil
        #endif
    }

    /// Runs the harness with `arguments` (its options, then `--` and a command, or `--script`) for `era`.
    /// `binary` is the tmemctl put in the guest (nil: none). Output goes through files, never pipes, so a
    /// chatty guest cannot block on a full pipe.
    public static func run(era: String, binary: URL?, arguments: [String], keepOutput: Bool = false,
                           timeoutSeconds: Int = 300) throws -> Result {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-guest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { if !keepOutput { try? FileManager.default.removeItem(at: tmp) } }
        let out = tmp.appendingPathComponent("stdout"), err = tmp.appendingPathComponent("console")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let files = tmp.appendingPathComponent("out")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [script.path, "--era", era, "--binary", binary?.path ?? "none", "--timeout", String(timeoutSeconds),
                       "--quiet", "--out", files.path] + arguments
        p.currentDirectoryURL = repository
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardInput = FileHandle.nullDevice
        let start = Date()
        try p.run()
        p.waitUntilExit()
        let read = { (u: URL) in ((try? String(contentsOf: u, encoding: .utf8)) ?? "").replacingOccurrences(of: "\r", with: "") }
        return Result(status: p.terminationStatus, stdout: read(out), console: read(err),
                      seconds: Date().timeIntervalSince(start), outputDirectory: keepOutput ? files : nil)
    }

    /// Runs one closure per era on its own thread, at most `parallel` at a time (each guest is one TCG vCPU).
    public static func forEachEra<T: Sendable>(_ eras: [String] = eras, parallel: Int = 2,
                                               _ body: @escaping @Sendable (String) -> T) -> [String: T] {
        let results = Collected<T>()
        let slots = DispatchSemaphore(value: max(1, parallel))
        let group = DispatchGroup()
        for era in eras {
            slots.wait()
            group.enter()
            Thread.detachNewThread {
                let r = body(era)
                results.set(era, r)
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        return results.all
    }
}

/// Results gathered from the era threads (guarded by a lock).
final class Collected<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: T] = [:]
    func set(_ key: String, _ value: T) { lock.lock(); values[key] = value; lock.unlock() }
    var all: [String: T] { lock.lock(); defer { lock.unlock() }; return values }
}
