import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built `tmemctl` with stdout on a pipe that is already full (nobody reads it yet), as under
/// `tmemctl ... | slow-reader`: its first write(2) to stdout blocks. The test signals it there, then drains the pipe.
public final class BlockedStdoutRun {
    public let process = Process()
    private var readEnd: CInt = -1
    private let err: URL
    /// Bytes put in the pipe before the run started (its capacity).
    public private(set) var prefill = 0

    public init(_ arguments: [String], environment: [String: String] = [:]) throws {
        guard let exe = TmemctlRunner.binary else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "tmemctl binary not found next to the test bundle"])
        }
        var fds: [CInt] = [0, 0]
        guard pipe(&fds) == 0 else { throw POSIXError(.EMFILE) }
        readEnd = fds[0]
        let writeEnd = fds[1]
        // Fill the pipe without blocking, then make the write end blocking again: the flag is on the open file
        // description, which the child shares.
        let flags = fcntl(writeEnd, F_GETFL)
        _ = fcntl(writeEnd, F_SETFL, flags | O_NONBLOCK)
        let chunk = [UInt8](repeating: UInt8(ascii: "."), count: 4096)
        while true {
            let n = chunk.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            prefill += n
        }
        _ = fcntl(writeEnd, F_SETFL, flags)
        err = FileManager.default.temporaryDirectory.appendingPathComponent("blocked-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.executableURL = exe
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["TMEMCTL_ROOT"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(fileDescriptor: writeEnd, closeOnDealloc: false)
        process.standardError = try FileHandle(forWritingTo: err)
        defer { close(writeEnd) }  // only the child keeps it, so draining ends at its exit
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        if readEnd >= 0 { close(readEnd) }
        try? FileManager.default.removeItem(at: err)
    }

    /// Waits up to `seconds` until the process sleeps in write(2) on fd 1 (/proc/PID/syscall: write's number, first
    /// argument 0x1); false if it exits or the time runs out first.
    public func waitUntilBlockedOnStdout(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        let path = "/proc/\(process.processIdentifier)/syscall"
        while Date() < deadline && process.isRunning {
            if let s = try? String(contentsOfFile: path, encoding: .utf8) {
                let f = s.split(separator: " ")
                if f.count > 1, f[0] == "\(Self.writeSyscall)", f[1] == "0x1" { return true }
            }
            usleep(10_000)
        }
        return false
    }

    /// Reads the pipe to its end (the process's exit), then waits for the process, killing it after `seconds`.
    /// Returns everything read, the prefill included.
    public func drainAndWait(seconds: Double) -> [UInt8] {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(seconds)
        var pfd = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        while Date() < deadline {
            guard poll(&pfd, 1, 100) >= 0 || errno == EINTR else { break }
            if pfd.revents == 0 { continue }
            let n = buf.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            out += buf[0..<n]
        }
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return out
    }

    /// write(2)'s number (asm/unistd.h), which Glibc's Swift module does not export.
    #if arch(arm64)
    static let writeSyscall = 64
    #else
    static let writeSyscall = 1
    #endif

    /// The process's signal masks and thread count (/proc/PID/status), for failure messages.
    public var signalState: String {
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        return status.split(separator: "\n").filter { $0.hasPrefix("Sig") || $0.hasPrefix("Threads") }.joined(separator: " ")
    }

    public var stderr: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }
}
