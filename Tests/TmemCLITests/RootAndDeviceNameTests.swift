import Foundation
import Testing
import TmemTestSupport

/// Issue 10 item 15: a device name addresses one device only as the kernel spells it (`zram1`, `/dev/zram1`), and
/// a root that is not a usable directory is a usage error, not a silent run against `/` or an empty tree.
@Suite struct RootAndDeviceNameTests {
    /// Each of these addressed zram0 or zram1 before (status printed it, reset/remove/set changed it).
    static let aliases: [(args: [String], means: String)] = [
        (["status", "zram01"], "zram1"),
        (["status", "/dev/zram00"], "zram0"),
        (["zram", "reset", "zram00"], "zram0"),
        (["zram", "remove", "1"], "zram1"),
        (["zram", "set", "zram01", "--mem-limit", "64M"], "zram1"),
        (["zram", "set", "0", "--mem-limit", "64M"], "zram0"),
    ]

    @Test(arguments: 0..<aliases.count)
    func aliasesOfADeviceAreRefusedWithTheRealName(_ i: Int) throws {
        let f = try FakeHost.make(devices: [0, 1])
        let before = try f.regularFileContents()
        let (args, means) = Self.aliases[i]
        let r = try TmemctlRunner.run(args + ["--root", f.directory.path])
        #expect(r.status == 64, "\(args): \(r.stdout) \(r.stderr)")
        #expect(r.stdout.isEmpty, "\(args)")
        #expect(r.stderr.contains("not a zram device name") && r.stderr.contains("write \(means)"), "\(args): \(r.stderr)")
        #expect(try f.regularFileContents() == before, "\(args) changed the fake root")
    }

    @Test func theKernelsSpellingStillWorks() throws {
        let f = try FakeHost.make(devices: [0, 1])
        let r = try TmemctlRunner.run(["status", "zram1", "/dev/zram0", "-o", "NAME", "--noheadings", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "/dev/zram0\n/dev/zram1\n" || r.stdout == "/dev/zram1\n/dev/zram0\n", "\(r.stdout)")
    }

    /// zram-generator reads `[zram00]` as device 0 (Rust's u64 parse), so the configuration keeps it, with a warning
    /// that names the device.
    @Test func aConfigSectionWithLeadingZerosIsWarnedAbout() throws {
        let f = try FakeHost.make(devices: [0])
        let conf = try f.file("etc/tmemctl/tmemctl.conf", "[zram00]\nzram-size = 512\n")
        let r = try TmemctlRunner.run(["config", "show", "--config", conf.path, "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("[zram00]") && r.stderr.contains("the kernel calls this device zram0"), "\(r.stderr)")
        #expect(r.stdout.contains("[zram0]"), "\(r.stdout)")
    }

    func badRoots() throws -> [(label: String, root: String, fragment: String)] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("badroot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let loop = dir.appendingPathComponent("loop")
        try FileManager.default.createSymbolicLink(atPath: loop.path, withDestinationPath: loop.path)
        let ab = dir.appendingPathComponent("a")
        try FileManager.default.createSymbolicLink(atPath: ab.path, withDestinationPath: dir.appendingPathComponent("b").path)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("b").path, withDestinationPath: ab.path)
        return [
            ("missing", dir.appendingPathComponent("missing").path, "ENOENT"),
            ("file", file.path, "ENOTDIR"),
            ("self loop", loop.path, "ELOOP"),
            ("two-link loop", ab.path + "/sys", "ELOOP"),
        ]
    }

    @Test func anEmptyRootIsAUsageError() throws {
        for args in [["status", "--root", ""], ["zram", "remove", "zram1", "--root="]] {
            let r = try TmemctlRunner.run(args)
            #expect(r.status == 64, "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(args): ran against the live system: \(r.stdout)")
            #expect(r.stderr.contains("--root"), "\(args): \(r.stderr)")
        }
    }

    @Test func aRootThatIsNoDirectoryIsAUsageError() throws {
        for (label, root, fragment) in try badRoots() {
            for env in [false, true] {
                let r = env ? try TmemctlRunner.run(["status"], environment: ["TMEMCTL_ROOT": root])
                            : try TmemctlRunner.run(["status", "--root", root])
                #expect(r.status == 64, "\(label) env=\(env): \(r.stdout) \(r.stderr)")
                #expect(r.stdout.isEmpty, "\(label) env=\(env)")
                #expect(r.stderr.contains(env ? "TMEMCTL_ROOT" : "--root") && r.stderr.contains(root) && r.stderr.contains(fragment),
                        "\(label) env=\(env): \(r.stderr)")
            }
        }
    }
}
