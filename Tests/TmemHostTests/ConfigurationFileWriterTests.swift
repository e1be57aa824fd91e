import Foundation
import Glibc
import Testing
@testable import TmemHost
import CShimSystem
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

/// Issue 10, items 8 and 9: what a replaced file keeps (owner, group, mode, extended attributes, ACL), what is
/// refused (a hard-linked file, a file changed since it was read), and several files changed all or nothing.
@Suite struct ConfigurationFileIntegrityTests {
    func xattr(_ path: String, _ name: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        defer { close(fd) }
        let n = cshim_fgetxattr(fd, name, nil, 0)
        guard n >= 0 else { return nil }
        var b = [UInt8](repeating: 0, count: n)
        _ = b.withUnsafeMutableBytes { cshim_fgetxattr(fd, name, $0.baseAddress, n) }
        return b
    }

    func setXattr(_ path: String, _ name: String, _ value: [UInt8]) -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        defer { close(fd) }
        return value.withUnsafeBytes { cshim_fsetxattr(fd, name, $0.baseAddress, $0.count) }
    }

    /// A POSIX access ACL in the kernel's xattr form (include/uapi/linux/posix_acl_xattr.h: version 2, then
    /// tag/perm/id entries sorted by tag): owner rw, user `uid` rw, group r, mask rw, other none.
    func acl(namedUser uid: UInt32) -> [UInt8] {
        func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        let undefined: UInt32 = 0xFFFF_FFFF
        let entries: [(UInt16, UInt16, UInt32)] = [(0x01, 6, undefined), (0x02, 6, uid), (0x04, 4, undefined),
                                                   (0x10, 6, undefined), (0x20, 0, undefined)]
        return le32(2) + entries.flatMap { le16($0.0) + le16($0.1) + le32($0.2) }
    }

    func stat(_ path: String) -> stat {
        var st = Glibc.stat()
        _ = lstat(path, &st)
        return st
    }

    @Test(.enabled(if: geteuid() == 0, "chown to another uid needs root"))
    func aReplacedFileKeepsOwnerGroupModeAndExtendedAttributes() throws {
        let f = try FakeRoot()
        let path = try f.file("etc/default/grub", "GRUB_TIMEOUT=5\n", mode: 0o640).path
        #expect(chown(path, 1234, 5678) == 0)
        #expect(setXattr(path, "user.tmemctl-test", Array("kept".utf8)) == 0)
        let aclSet = setXattr(path, "system.posix_acl_access", acl(namedUser: 4321))
        let before = stat(path)
        let aclBefore = xattr(path, "system.posix_acl_access")
        if aclSet != 0 { print("skipping the ACL part: this file system refused a POSIX ACL (errno \(errno))") }

        try ConfigurationFileWriter(root: f.root).replace("etc/default/grub", with: "GRUB_TIMEOUT=1\n")
        for name in ["etc/default/grub", "etc/default/grub.tmemctl-bak", "etc/default/grub.tmemctl-orig"] {
            let p = f.root.absolute(name)
            let after = stat(p)
            #expect(after.st_uid == 1234 && after.st_gid == 5678, "\(name)")
            #expect(after.st_mode & 0o7777 == before.st_mode & 0o7777, "\(name): \(String(after.st_mode & 0o7777, radix: 8))")
            #expect(xattr(p, "user.tmemctl-test") == Array("kept".utf8), "\(name)")
            if aclSet == 0 { #expect(xattr(p, "system.posix_acl_access") == aclBefore, "\(name)") }
        }
        #expect(stat(path).st_ino != before.st_ino, "replaced by rename, not rewritten in place")
        #expect(try f.contents("etc/default/grub") == "GRUB_TIMEOUT=1\n")
    }

    /// The directory's default ACL would give a new inode an access ACL the file never had.
    @Test func aReplacementDoesNotInheritTheDirectorysDefaultACL() throws {
        let f = try FakeRoot()
        let path = try f.file("etc/kernel/cmdline", "ro\n").path
        let dir = f.root.absolute("etc/kernel")
        guard setXattr(dir, "system.posix_acl_default", acl(namedUser: 4321)) == 0 else {
            print("skipping: this file system refused a default ACL (errno \(errno))")
            return
        }
        #expect(xattr(path, "system.posix_acl_access") == nil)
        try ConfigurationFileWriter(root: f.root).replace("etc/kernel/cmdline", with: "ro quiet\n")
        #expect(xattr(path, "system.posix_acl_access") == nil)
        #expect(stat(path).st_mode & 0o7777 == 0o644)
    }

    /// Replacing one name of a hard-linked file would leave the other names with the old text.
    @Test func aHardLinkedFileIsRefusedAndLeftAlone() throws {
        let f = try FakeRoot()
        let path = try f.file("etc/default/grub", "GRUB_TIMEOUT=5\n").path
        #expect(link(path, f.root.absolute("etc/default/grub.admin-copy")) == 0)
        #expect {
            try ConfigurationFileWriter(root: f.root).replace("etc/default/grub", with: "GRUB_TIMEOUT=1\n")
        } throws: { e in
            "\(e)".contains("refusing to replace \(path)") && "\(e)".contains("2 hard links")
        }
        #expect(try f.contents("etc/default/grub") == "GRUB_TIMEOUT=5\n")
        #expect(f.root.list("etc/default") == ["grub", "grub.admin-copy"])
    }

    /// The plan and the backup come from one read; an edit made after it is not overwritten.
    @Test func aFileChangedSinceItWasReadIsNotReplaced() throws {
        let f = try FakeRoot()
        try f.file("etc/kernel/cmdline", "ro\n")
        let w = ConfigurationFileWriter(root: f.root)
        let s = try #require(try w.snapshot("etc/kernel/cmdline"))
        #expect(s.bytes == Array("ro\n".utf8))
        try f.file("etc/kernel/cmdline", "ro admin-edit\n")
        #expect {
            try w.commit([.init(relative: "etc/kernel/cmdline", original: s, new: Array("ro quiet\n".utf8))])
        } throws: { e in "\(e)".contains("changed since tmemctl read it") }
        #expect(try f.contents("etc/kernel/cmdline") == "ro admin-edit\n")
        #expect(f.root.list("etc/kernel") == ["cmdline"])
    }

    /// Item 8: the third rename fails (as on a full disk); the first file gets its old bytes back, the
    /// second, created by the change, is removed again, and the error names all three.
    @Test func aFailedLaterWriteRestoresTheEarlierOnes() throws {
        let f = try FakeRoot()
        try f.file("etc/default/grub", "GRUB_CMDLINE_LINUX=\"\"\n")
        try f.file("etc/kernel/cmdline", "ro\n")
        var w = ConfigurationFileWriter(root: f.root)
        w.renameFault = { $0 == "etc/kernel/cmdline" ? .noSpace : nil }
        let changes: [ConfigurationFileWriter.Change] = [
            .init(relative: "etc/default/grub", original: try w.snapshot("etc/default/grub"), new: Array("GRUB_CMDLINE_LINUX=\"zswap.enabled=Y\"\n".utf8)),
            .init(relative: "etc/modprobe.d/tmemctl-zram.conf", original: nil, new: Array("options zram num_devices=2\n".utf8)),
            .init(relative: "etc/kernel/cmdline", original: try w.snapshot("etc/kernel/cmdline"), new: Array("ro zswap.enabled=Y\n".utf8)),
        ]
        var message = ""
        #expect { try w.commit(changes) } throws: { e in message = "\(e)"; return true }
        #expect(try f.contents("etc/default/grub") == "GRUB_CMDLINE_LINUX=\"\"\n")
        #expect(!f.root.exists("etc/modprobe.d"), "the directory made for it is removed too")
        #expect(try f.contents("etc/kernel/cmdline") == "ro\n")
        let base = f.directory.path
        #expect(message.hasPrefix("cmdline: cannot rename the temporary file over \(base)/etc/kernel/cmdline: ENOSPC"), "\(message)")
        #expect(message.contains("nothing was changed: \(base)/etc/default/grub: restored to its previous contents, \(base)/etc/modprobe.d/tmemctl-zram.conf: created, then removed again, \(base)/etc/kernel/cmdline: left as it was"), "\(message)")
        // Only the files themselves and their backups remain: no temporary file.
        #expect(f.root.list("etc/kernel").allSatisfy { !$0.contains(".tmemctl-") || $0.hasSuffix(".tmemctl-bak") || $0.hasSuffix(".tmemctl-orig") })
        #expect(f.root.list("etc/default").allSatisfy { !$0.contains(".tmemctl-") || $0.hasSuffix(".tmemctl-bak") || $0.hasSuffix(".tmemctl-orig") })
    }
}
