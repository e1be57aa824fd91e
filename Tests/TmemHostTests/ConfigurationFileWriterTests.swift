import Foundation
import Testing
import TmemHost
import TmemTestSupport

@Suite struct ConfigurationFileWriterTests {
    @Test func replaceKeepsABackupAndThePermissions() throws {
        let f = try FakeRoot()
        try f.file("etc/default/grub", "GRUB_CMDLINE_LINUX=\"\"\n", mode: 0o600)
        let w = ConfigurationFileWriter(root: f.root)
        try w.replace("etc/default/grub", with: "GRUB_CMDLINE_LINUX=\"zswap.enabled=Y\"\n")
        #expect(try f.contents("etc/default/grub") == "GRUB_CMDLINE_LINUX=\"zswap.enabled=Y\"\n")
        #expect(try f.contents("etc/default/grub.tmemctl-bak") == "GRUB_CMDLINE_LINUX=\"\"\n")
        let attrs = try FileManager.default.attributesOfItem(atPath: f.root.absolute("etc/default/grub"))
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        // No temporary file is left behind.
        #expect(f.root.list("etc/default") == ["grub", "grub.tmemctl-bak"])
    }

    @Test func createsMissingDirectoriesAndNoBackupForANewFile() throws {
        let f = try FakeRoot()
        try ConfigurationFileWriter(root: f.root).replace("etc/kernel/cmdline", with: "ro quiet\n")
        #expect(try f.contents("etc/kernel/cmdline") == "ro quiet\n")
        #expect(f.root.list("etc/kernel") == ["cmdline"])
    }

    @Test func removeMovesTheFileToItsBackup() throws {
        let f = try FakeRoot()
        try f.file("etc/modprobe.d/tmemctl-zram.conf", "options zram num_devices=2\n")
        try ConfigurationFileWriter(root: f.root).remove("etc/modprobe.d/tmemctl-zram.conf")
        #expect(f.root.list("etc/modprobe.d") == ["tmemctl-zram.conf.tmemctl-bak"])
    }

    @Test func aParentThatIsNotADirectoryIsAHostErrorAndChangesNothing() throws {
        let f = try FakeRoot()
        try f.file("etc/kernel", "not a directory\n")
        #expect(throws: HostError.self) { try ConfigurationFileWriter(root: f.root).replace("etc/kernel/cmdline", with: "x\n") }
        #expect(try f.contents("etc/kernel") == "not a directory\n")
        #expect(f.root.list("etc") == ["kernel"])
    }

    @Test func aSymlinkedFileIsReplacedWhereItPoints() throws {
        let f = try FakeRoot()
        try f.file("usr/share/grub/default", "GRUB_CMDLINE_LINUX=\"\"\n")
        try f.directory("etc/default")
        try FileManager.default.createSymbolicLink(atPath: f.root.absolute("etc/default/grub"), withDestinationPath: "../../usr/share/grub/default")
        try ConfigurationFileWriter(root: f.root).replace("etc/default/grub", with: "GRUB_CMDLINE_LINUX=\"ro\"\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: f.root.absolute("etc/default/grub")) == "../../usr/share/grub/default")
        #expect(try f.contents("usr/share/grub/default") == "GRUB_CMDLINE_LINUX=\"ro\"\n")
        #expect(try f.contents("etc/default/grub.tmemctl-bak") == "GRUB_CMDLINE_LINUX=\"\"\n")
    }
}
