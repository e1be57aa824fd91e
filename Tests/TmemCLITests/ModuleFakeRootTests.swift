import Foundation
import Glibc
import Testing
import TmemHost
import TmemTestSupport

/// A `--root` tree is another system: its modules are never inserted into the running kernel and its
/// modprobe.d install commands never run; the dry run shows those commands in full.
@Suite struct ModuleFakeRootTests {
    /// A loadable-module host whose modprobe.d turns `modprobe zram` into a command that leaves a marker.
    func hostWithInstallRule() throws -> (FakeRoot, marker: String) {
        let f = try FakeRoot()
        let marker = f.directory.appendingPathComponent("install-rule-ran").path
        try f.file("proc/sys/kernel/osrelease", "6.1.0-test-amd64\n")
        try f.file("proc/modules", "")
        // libkmod looks modules up in depmod's binary indexes: build a module object with a .modinfo section
        // and let the system's depmod index it.
        let src = try f.file("zram.c", """
            __attribute__((section(".modinfo"), used)) static const char l[] = "license=GPL";
            __attribute__((section(".modinfo"), used)) static const char n[] = "name=zram";
            __attribute__((section(".gnu.linkonce.this_module"), used)) static char this_module[1024];

            """)
        let dir = f.directory.appendingPathComponent("lib/modules/6.1.0-test-amd64/kernel/drivers/block/zram")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Self.run("/usr/bin/env", ["cc", "-c", src.path, "-o", dir.appendingPathComponent("zram.ko").path])
        try Self.run("/sbin/depmod", ["-b", f.directory.path, "6.1.0-test-amd64"])
        try f.file("etc/modprobe.d/zram.conf", "install zram /usr/bin/touch \(marker)\n")
        return (f, marker)
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "\(tool) \(arguments) failed")
    }

    @Test func loadUnderAFakeRootPlansAndRunsNothing() throws {
        let (f, marker) = try hostWithInstallRule()
        let r = try TmemctlRunner.run(["module", "load", "zram", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker), "the fake root's install command ran")
        #expect(r.stdout.contains("install /usr/bin/touch \(marker)"))
        #expect(r.stderr.contains("not the running system: planned only"))
        let json = try TmemctlRunner.run(["module", "load", "zram", "--json", "--root", f.directory.path])
        #expect(json.stdout.contains("\"outcome\" : \"planned\""))
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func theDryRunShowsTheInstallCommandInFull() throws {
        let (f, marker) = try hostWithInstallRule()
        let r = try TmemctlRunner.run(["module", "load", "zram", "--dry-run", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "install /usr/bin/touch \(marker)\n")
    }

    @Test func modprobeDFilesOthersCanWriteAreUntrusted() throws {
        let f = try FakeRoot()
        #expect(ModprobeConfigTrust.untrusted(root: f.root) == nil, "no modprobe.d at all is fine")
        let conf = try f.file("etc/modprobe.d/a.conf", "options zram num_devices=2\n")
        chmod(f.directory.appendingPathComponent("etc/modprobe.d").path, 0o755)
        chmod(f.directory.appendingPathComponent("etc").path, 0o755)
        chmod(conf.path, 0o644)
        if geteuid() == 0 {
            #expect(ModprobeConfigTrust.untrusted(root: f.root) == nil)
            chmod(conf.path, 0o664)
            #expect(ModprobeConfigTrust.untrusted(root: f.root)?.path == conf.path)
            chmod(conf.path, 0o644)
            chown(conf.path, 65534, 65534)
            #expect(ModprobeConfigTrust.untrusted(root: f.root)?.reason.contains("uid 65534") == true)
        } else {
            #expect(ModprobeConfigTrust.untrusted(root: f.root)?.reason.contains("not root") == true)
        }
    }
}
