import Foundation
import Glibc
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
        #expect(f.root.list("etc/default").sorted() == ["grub", "grub.tmemctl-bak", "grub.tmemctl-orig"])
    }

    /// The first version replaced is kept as FILE.tmemctl-orig and never overwritten; .tmemctl-bak is the last.
    @Test func thePristineOriginalIsWrittenOnce() throws {
        let f = try FakeRoot()
        try f.file("etc/kernel/cmdline", "one\n")
        let w = ConfigurationFileWriter(root: f.root)
        try w.replace("etc/kernel/cmdline", with: "two\n")
        try w.replace("etc/kernel/cmdline", with: "three\n")
        #expect(try f.contents("etc/kernel/cmdline.tmemctl-orig") == "one\n")
        #expect(try f.contents("etc/kernel/cmdline.tmemctl-bak") == "two\n")
    }

    /// A link planted at the backup name (say by whoever can write the directory) must not make root
    /// overwrite what it points to.
    @Test func aPlantedBackupLinkIsReplacedNotFollowed() throws {
        let f = try FakeRoot()
        try f.file("etc/default/grub", "GRUB_TIMEOUT=5\n")
        let victim = try f.file("victim", "precious\n")
        #expect(symlink(victim.path, f.root.absolute("etc/default/grub.tmemctl-bak")) == 0)
        #expect(symlink(victim.path, f.root.absolute("etc/default/grub.tmemctl-orig")) == 0)
        try ConfigurationFileWriter(root: f.root).replace("etc/default/grub", with: "GRUB_TIMEOUT=1\n")
        #expect(try f.contents("victim") == "precious\n")
        var st = stat()
        #expect(lstat(f.root.absolute("etc/default/grub.tmemctl-bak"), &st) == 0 && st.st_mode & S_IFMT == S_IFREG)
        #expect(try f.contents("etc/default/grub.tmemctl-bak") == "GRUB_TIMEOUT=5\n")
    }

    /// Under --root, an absolute link names a file of the tree (as it would once the tree is booted), never
    /// the running system's; a link that climbs out of the tree is refused and nothing is written.
    @Test func linksAreResolvedBeneathTheRoot() throws {
        let f = try FakeRoot()
        try f.file("etc/grub-real", "GRUB_TIMEOUT=5\n")
        try FileManager.default.createDirectory(atPath: f.root.absolute("etc/default"), withIntermediateDirectories: true)
        #expect(symlink("/etc/grub-real", f.root.absolute("etc/default/grub")) == 0)
        try ConfigurationFileWriter(root: f.root).replace("etc/default/grub", with: "GRUB_TIMEOUT=1\n")
        #expect(try f.contents("etc/grub-real") == "GRUB_TIMEOUT=1\n")
        var st = stat()
        #expect(lstat(f.root.absolute("etc/default/grub"), &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)

        let outside = try FakeRoot()
        let escape = try outside.file("grub", "outside\n")
        try f.file("etc/kernel/placeholder", "")
        #expect(symlink("../../../../../../../../..\(escape.path)", f.root.absolute("etc/kernel/cmdline")) == 0)
        #expect(throws: HostError.self) {
            try ConfigurationFileWriter(root: f.root).replace("etc/kernel/cmdline", with: "x\n")
        }
        #expect(try outside.contents("grub") == "outside\n")
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
