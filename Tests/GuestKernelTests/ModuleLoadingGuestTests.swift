import Foundation
import Testing
import TmemTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Module loading cannot be tried on a host without module support, so scripts/qemu-module-test boots Debian's
/// own kernel (zram is a module there) under QEMU with the built tmemctl and checks, inside the guest, that
/// `module status` reports zram loadable, `module load --num-devices 2` gives exactly zram0 and zram1 with
/// zsmalloc loaded first, `zram add` works and loads zram by itself when it is missing, a modprobe.d blacklist
/// is honored, an unprivileged load is refused with EPERM and a missing module is reported with ENOENT;
/// and that Debian's udevd accepts and applies udev/60-tmemctl-zram.rules with a tmemctl.conf naming zram3: a raw
/// hot_add of zram3 is set up from it, zram4 and the module's own devices are not. The guest prints a PASS/FAIL line.
@Suite(.tags(.guest, .slow)) struct ModuleLoadingGuestTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = repository.appendingPathComponent("scripts/qemu-module-test")

    static func onPath(_ tool: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }

    /// Why the guest test cannot run here, or nil when it can.
    static var skipReason: String? {
        if ProcessInfo.processInfo.environment["TMEMCTL_SKIP_QEMU"] == "1" { return "TMEMCTL_SKIP_QEMU=1" }
        #if !arch(x86_64)
        return "Debian's amd64 kernel boots only on an x86_64 host here"
        #else
        if TmemctlRunner.binary == nil { return "no built tmemctl next to the test bundle" }
        if !onPath("apt-get") { return "no apt-get: Debian's kernel package cannot be fetched" }
        if !onPath("qemu-system-x86_64") && geteuid() != 0 { return "qemu-system-x86 is not installed and installing it needs root" }
        return nil
        #endif
    }

    @Test(.enabled(if: skipReason == nil, Comment(rawValue: skipReason ?? "")), .timeLimit(.minutes(10)))
    func zramLoadsInADebianGuest() throws {
        let binary = try #require(TmemctlRunner.binary)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-qemu-\(UUID().uuidString).log")
        try #require(FileManager.default.createFile(atPath: log.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: log) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [Self.script.path, binary.path]
        p.currentDirectoryURL = Self.repository
        let handle = try FileHandle(forWritingTo: log)
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        p.waitUntilExit()
        // The serial console ends lines with CR LF.
        let output = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").replacingOccurrences(of: "\r", with: "")
        #expect(p.terminationStatus == 0, "qemu-module-test failed:\n\(output)")
        #expect(output.contains("TMEMCTL-QEMU-RESULT: PASS"), "\(output)")
        // What an admin sees in the guest, checked here too: zram loadable before the load, and the
        // plan names zsmalloc before zram.
        let lines = output.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).prefix(2).joined(separator: " ") }
        #expect(lines.contains("zram loadable"), "\(output)")
        let plan = output.split(separator: "\n").filter { $0.hasPrefix("insmod ") }
        #expect(output.contains(": EPERM (loading modules needs root") && output.contains("tmemctl: zram: cannot load module /lib/modules/"), "\(output)")
        #expect(output.contains("tmemctl: no_such_module: cannot load module from /lib/modules/") && output.contains(": ENOENT (module no_such_module not found in /lib/modules/"), "\(output)")
        // udev/60-tmemctl-zram.rules under Debian's own udevd, driven by raw hot_adds and the configuration.
        #expect(output.contains("zram3: disksize 67108864, "), "\(output)")
        #expect(output.contains("zram4 (not in the config): left alone"), "\(output)")
        #expect(output.contains("udev: running; zram devices: zram0, zram1, zram2, zram3, zram4"), "\(output)")
        #expect(plan.count == 2 && plan[0].hasSuffix("/zsmalloc.ko") && plan[1].hasSuffix("/zram.ko num_devices=0"), "\(plan)")
    }
}
