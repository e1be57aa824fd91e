import Foundation
import Glibc
import Testing
import TmemHost
import TmemTestSupport

/// Files holding captured memory or saved state: 0600 whatever the umask, never over an existing file unless
/// asked, never through a planted symlink, and nothing at the name until the file is complete.
@Suite struct PrivateFileTests {
    func mode(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o7777 : 0
    }

    @Test func createdWithMode0600() throws {
        let dir = try FakeRoot()
        let path = dir.directory.appendingPathComponent("pages.bin").path
        let f = try PrivateFile(creating: path, replaceExisting: false)
        #expect(!FileManager.default.fileExists(atPath: path), "the name appears only on commit")
        try f.write([1, 2, 3])
        try f.commit()
        #expect(mode(path) == 0o600)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([1, 2, 3]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.directory.path) == ["pages.bin"])
    }

    /// The umask is process-wide: set in this process it would loosen the files other tests create at the same
    /// time (fixture trees that ConfigurationTrust then refuses as world-writable). So the permissive umask is set
    /// in a child, the real binary writing a corpus file through PrivateFile.
    @Test func createdWithMode0600UnderAPermissiveUmask() throws {
        let exe = try #require(TmemctlRunner.binary, "tmemctl binary not built")
        let dir = try FakeRoot()
        let path = dir.directory.appendingPathComponent("pages.bin").path
        let r = try ToolProcess.run("/bin/sh", ["-c", "umask 000 && exec \"$0\" \"$@\"", exe.path,
                                                "corpus", "builtin", "--pages", "4", "--seed", "1", "-o", path])
        #expect(r.status == 0, "\(r.output)")
        #expect(mode(path) == 0o600, "mode \(String(mode(path), radix: 8))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.directory.path) == ["pages.bin"])
    }

    @Test func anExistingFileIsRefusedAndKept() throws {
        let dir = try FakeRoot()
        let url = try dir.file("saved.json", "original")
        #expect {
            _ = try PrivateFile(creating: url.path, replaceExisting: false)
        } throws: { error in
            (error as? HostError)?.errno == .fileExists && "\(error)".contains("--force")
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "original")
    }

    /// A link planted at the name (in a shared directory, by another user) must not redirect root's write.
    @Test func aPlantedSymlinkIsNeverWrittenThrough() throws {
        let dir = try FakeRoot()
        let victim = try dir.file("victim", "precious")
        let link = dir.directory.appendingPathComponent("out.bin").path
        #expect(symlink(victim.path, link) == 0)
        #expect(throws: HostError.self) { _ = try PrivateFile(creating: link, replaceExisting: false) }
        let forced = try PrivateFile(creating: link, replaceExisting: true)
        try forced.write([9])
        try forced.commit()
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious")
        var st = stat()
        #expect(lstat(link, &st) == 0 && st.st_mode & S_IFMT == S_IFREG, "the link itself was replaced")
        #expect(mode(link) == 0o600)
    }

    @Test func discardLeavesNothingBehind() throws {
        let dir = try FakeRoot()
        let path = dir.directory.appendingPathComponent("x").path
        do {
            let f = try PrivateFile(creating: path, replaceExisting: false)
            try f.write([1])
            f.discard()
        }
        do { _ = try PrivateFile(creating: path, replaceExisting: false) }  // dropped uncommitted
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.directory.path).isEmpty)
    }

    /// The temporary name is not derived from the pid: two files of the same name and process differ.
    @Test func temporaryNamesAreNotPredictable() throws {
        let dir = try FakeRoot()
        let path = dir.directory.appendingPathComponent("x").path
        let a = try PrivateFile(creating: path, replaceExisting: true)
        let b = try PrivateFile(creating: path, replaceExisting: true)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.directory.path)
        #expect(Set(names).count == 2 && names.allSatisfy { !$0.contains("\(getpid())") })
        a.discard(); b.discard()
    }
}
