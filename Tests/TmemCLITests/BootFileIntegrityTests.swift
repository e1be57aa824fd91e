import Foundation
import Testing
import TmemTestSupport

/// Issue 10, items 5, 6 and 8: `tmemctl boot set` on boot files that are not UTF-8, that end lines in CRLF,
/// and changes that touch several files. Expected bytes are written out by hand.
@Suite struct BootFileIntegrityTests {
    func host(modularZram: Bool = false) throws -> FakeRoot {
        let f = try FakeHost.make()
        try f.file("proc/cmdline", "BOOT_IMAGE=/vmlinuz root=UUID=0b1c ro quiet\n")
        try f.directory("etc/modprobe.d")
        if modularZram {
            try FileManager.default.removeItem(at: f.directory.appendingPathComponent("sys/class/zram-control"))
            try f.file("proc/modules", "zram 49152 0 - Live 0x0000000000000000\n")
            try f.file("sys/module/zram/initstate", "live\n")
        }
        return f
    }

    func write(_ f: FakeRoot, _ relative: String, _ bytes: [UInt8]) throws {
        let url = f.directory.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func bytes(_ f: FakeRoot, _ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: f.directory.appendingPathComponent(relative)))
    }

    /// Latin-1 "Größe aus Köln" (0xF6, 0xDF, 0xFC are not UTF-8 on their own) and a stray 0xFF.
    static let latin1Comment: [UInt8] = Array("# Gr".utf8) + [0xF6, 0xDF] + Array("e aus K".utf8) + [0xF6] + Array("ln ".utf8) + [0xFF, 0x0A]

    /// Item 5: every byte outside the edited value stays, and the backup and pristine copy are the old bytes.
    @Test func aGrubFileThatIsNotUTF8KeepsEveryByte() throws {
        let f = try host()
        let before = Self.latin1Comment + Array("GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\nGRUB_CMDLINE_LINUX=\"ro\"\n".utf8)
        try write(f, "etc/default/grub", before)
        let r = try TmemctlRunner.run(["boot", "set", "--zswap-enabled", "Y", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        let after = Self.latin1Comment + Array("GRUB_CMDLINE_LINUX_DEFAULT=\"quiet zswap.enabled=Y\"\nGRUB_CMDLINE_LINUX=\"ro\"\n".utf8)
        #expect(try bytes(f, "etc/default/grub") == after)
        #expect(try bytes(f, "etc/default/grub.tmemctl-bak") == before)
        #expect(try bytes(f, "etc/default/grub.tmemctl-orig") == before)
    }

    @Test func aKernelCmdlineThatIsNotUTF8KeepsEveryByte() throws {
        let f = try host()
        let before = Array("root=UUID=0b1c ro systemd.hostname=caf".utf8) + [0xE9] + Array(" quiet\n".utf8)
        try write(f, "etc/kernel/cmdline", before)
        let r = try TmemctlRunner.run(["boot", "set", "--zswap-max-pool-percent", "30", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try bytes(f, "etc/kernel/cmdline") == Array(before.dropLast()) + Array(" zswap.max_pool_percent=30\n".utf8))
        #expect(try bytes(f, "etc/kernel/cmdline.tmemctl-bak") == before)
    }

    @Test func aModprobeFileThatIsNotUTF8KeepsEveryByte() throws {
        let f = try host(modularZram: true)
        let comment = Array("# ".utf8) + [0xE9] + Array("crit par l'admin\n".utf8)
        try write(f, "etc/modprobe.d/tmemctl-zram.conf", comment + Array("options zram num_devices=2\n".utf8))
        let r = try TmemctlRunner.run(["boot", "set", "--zram-num-devices", "4", "--target", "modprobe", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try bytes(f, "etc/modprobe.d/tmemctl-zram.conf") == comment + Array("options zram num_devices=4\n".utf8))
        #expect(try bytes(f, "etc/modprobe.d/tmemctl-zram.conf.tmemctl-bak") == comment + Array("options zram num_devices=2\n".utf8))
    }

    /// Item 6: lines split at `\n` with the `\r` kept. Before, the whole file read as one comment line and a new
    /// GRUB_CMDLINE_LINUX_DEFAULT="zswap.enabled=Y" was appended, dropping `quiet splash`.
    @Test func aCRLFGrubFileIsEditedInPlaceAndStaysCRLF() throws {
        let f = try host()
        let before = "# written on Windows\r\nGRUB_DEFAULT=0\r\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet splash\"\r\nGRUB_CMDLINE_LINUX=\"\"\r\n"
        try write(f, "etc/default/grub", Array(before.utf8))
        let show = try TmemctlRunner.run(["boot", "show", "--json", "--root", f.directory.path])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("\"command_line\" : \"quiet splash\""), "\(show.stdout)")
        let r = try TmemctlRunner.run(["boot", "set", "--zswap-enabled", "Y", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        let after = "# written on Windows\r\nGRUB_DEFAULT=0\r\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet splash zswap.enabled=Y\"\r\nGRUB_CMDLINE_LINUX=\"\"\r\n"
        #expect(try bytes(f, "etc/default/grub") == Array(after.utf8))
    }

    @Test func aCRLFGrubFileWithoutTheVariableGetsACRLFLine() throws {
        let f = try host()
        try write(f, "etc/default/grub", Array("# x\r\nGRUB_DEFAULT=0\r\n".utf8))
        let r = try TmemctlRunner.run(["boot", "set", "--zswap-enabled", "Y", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try bytes(f, "etc/default/grub") == Array("# x\r\nGRUB_DEFAULT=0\r\nGRUB_CMDLINE_LINUX_DEFAULT=\"zswap.enabled=Y\"\r\n".utf8))
    }

    @Test func aCRLFKernelCmdlineAndModprobeFileStayCRLF() throws {
        let f = try host(modularZram: true)
        try write(f, "etc/kernel/cmdline", Array("root=UUID=0b1c ro quiet\r\n".utf8))
        try write(f, "etc/modprobe.d/tmemctl-zram.conf", Array("# mine\r\noptions zram num_devices=2\r\n".utf8))
        let r = try TmemctlRunner.run(["boot", "set", "--zswap-enabled", "Y", "--zram-num-devices", "3", "--root", f.directory.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try bytes(f, "etc/kernel/cmdline") == Array("root=UUID=0b1c ro quiet zswap.enabled=Y\r\n".utf8))
        #expect(try bytes(f, "etc/modprobe.d/tmemctl-zram.conf") == Array("# mine\r\noptions zram num_devices=3\r\n".utf8))
    }

    /// Item 8: grub and modprobe.d in one change; the modprobe.d file cannot be created (its directory is a
    /// regular file), so GRUB's file must stay as it was and the error must say so for both.
    @Test func aChangeOfSeveralFilesIsAllOrNothing() throws {
        let f = try host(modularZram: true)
        let grub = "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n"
        try f.file("etc/default/grub", grub)
        try FileManager.default.removeItem(at: f.directory.appendingPathComponent("etc/modprobe.d"))
        try f.file("etc/modprobe.d", "not a directory\n")
        let r = try TmemctlRunner.run(["boot", "set", "--zswap-enabled", "Y", "--zram-num-devices", "2", "--root", f.directory.path])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(try f.contents("etc/default/grub") == grub)
        #expect(!f.root.exists("etc/default/grub.tmemctl-bak"))
        #expect(f.root.list("etc/default") == ["grub"], "no temporary file is left")
        #expect(r.stderr.contains("\(f.directory.path)/etc/default/grub: not written"), "\(r.stderr)")
        #expect(r.stderr.contains("\(f.directory.path)/etc/modprobe.d/tmemctl-zram.conf: not written"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was changed"), "\(r.stderr)")
    }
}
