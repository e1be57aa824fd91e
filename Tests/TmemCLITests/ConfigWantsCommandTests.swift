import Foundation
import Testing
import TmemTestSupport

/// `tmemctl config wants --device zramN` as the udev rule runs it: exit 0 (set it up) or 1 (left alone, why on
/// stderr), nothing on stdout, against a fixture root that names zram1 only.
@Suite struct ConfigWantsCommandTests {
    static func host() throws -> FakeRoot {
        let f = try FakeRoot()
        try f.file("proc/meminfo", "MemTotal:       4194304 kB\n")
        try f.file("proc/cmdline", "root=/dev/vda\n")
        try f.file("etc/tmemctl/tmemctl.conf", "[zram1]\nzram-size = 512\n")
        return f
    }

    @Test func exitStatusSaysWhetherTheDeviceIsSetUp() throws {
        let f = try Self.host()
        let named = try TmemctlRunner.run(["config", "wants", "--root=\(f.directory.path)", "--device=zram1"])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.isEmpty && named.stderr.isEmpty)
        let unnamed = try TmemctlRunner.run(["config", "wants", "--root=\(f.directory.path)", "--device=zram2"])
        #expect(unnamed.status == 1)
        #expect(unnamed.stdout.isEmpty)
        #expect(unnamed.stderr.contains("zram2: left alone: zram2 is not named in /etc/tmemctl/tmemctl.conf"), "\(unnamed.stderr)")
    }

    /// Issue 10 item 4: the rule's decision reads a configuration only root can change. A main file or drop-in that
    /// its group or others can write leaves every device alone, with a line (udev logs the program's stderr) that
    /// names the file and its mode; chmod go-w makes it count again.
    @Test(arguments: ["etc/tmemctl/tmemctl.conf", "etc/tmemctl/tmemctl.conf.d/50-more.conf"], [0o666, 0o664])
    func aConfigurationOthersCanWriteIsRefusedWithALogLine(_ relative: String, _ mode: Int) throws {
        let f = try Self.host()
        let text = relative.hasSuffix("50-more.conf") ? "[zram2]\nzram-size = 64\n" : "[zram1]\nzram-size = 512\n"
        try f.file(relative, text, mode: mode)
        let r = try TmemctlRunner.run(["config", "wants", "--root=\(f.directory.path)", "--device=zram1"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let who = mode == 0o666 ? "writable by others (mode 0666)" : "writable by its group (mode 0664)"
        #expect(r.stderr.contains("/\(relative): refused: \(who); chmod go-w it"), "\(r.stderr)")
        #expect(r.stderr.contains("zram1: left alone: the configuration has errors"), "\(r.stderr)")
        try f.file(relative, text, mode: 0o644)
        #expect(try TmemctlRunner.run(["config", "wants", "--root=\(f.directory.path)", "--device=zram1"]).status == 0)
    }

    @Test func theDeviceNameIsOneValueNeverAnOption() throws {
        let f = try Self.host()
        // What a hostile value would look like once attached with `=`: still one (invalid) device name.
        let r = try TmemctlRunner.run(["config", "wants", "--root=\(f.directory.path)", "--device=zram1 --config /tmp/x"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--device: 'zram1 --config /tmp/x' is not a zram device name"), "\(r.stderr)")
    }
}
