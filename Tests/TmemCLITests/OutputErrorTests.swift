import Foundation
import Testing
import TmemTestSupport

/// Issue 10 item 16: results that cannot be written are a failure, as in util-linux (`zramctl > /dev/full` prints
/// "write error" and exits 1). /dev/full fails every write(2) with ENOSPC (null(4)).
@Suite struct OutputErrorTests {
    /// Runs the built binary with stdout on /dev/full; stderr through a file.
    func runOnDevFull(_ arguments: [String], root: FakeRoot?) throws -> (status: Int32, stderr: String) {
        let exe = try #require(TmemctlRunner.binary)
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("full-err-\(UUID().uuidString)")
        #expect(FileManager.default.createFile(atPath: err.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: err) }
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let p = Process()
        p.executableURL = exe
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["TMEMCTL_ROOT"] = root?.directory.path
        p.environment = env
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = full
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationReason == .exit)
        return (p.terminationStatus, try String(contentsOf: err, encoding: .utf8))
    }

    static let expected = "tmemctl: write error on stdout: ENOSPC (the results were not all written)\n"

    @Test func statusOnAFullDeviceExits1WithTheErrno() throws {
        let f = try FakeHost.make(devices: [0, 1])
        let r = try runOnDevFull(["status"], root: f)
        #expect(r.status == 1)
        #expect(r.stderr == Self.expected)
    }

    @Test func jsonAndHelpOnAFullDeviceFailToo() throws {
        let f = try FakeHost.make(devices: [0])
        for args in [["status", "--json"], ["zram", "add", "--size", "1G", "--dry-run"], ["--help"], ["status", "--help"]] {
            let r = try runOnDevFull(args, root: f)
            #expect(r.status == 1, "\(args)")
            #expect(r.stderr == Self.expected, "\(args)")
        }
    }

    /// The same commands with stdout on a file succeed: the failure above is the write, not the command.
    @Test func theSameCommandsSucceedOnAWritableStdout() throws {
        let f = try FakeHost.make(devices: [0, 1])
        for args in [["status"], ["status", "--json"], ["--help"]] {
            let r = try TmemctlRunner.run(args, environment: ["TMEMCTL_ROOT": f.directory.path])
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(!r.stdout.isEmpty && r.stderr.isEmpty, "\(args): \(r.stderr)")
        }
    }
}
