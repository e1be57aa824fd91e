import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
import SystemPackage
import TmemHost
import TmemTestSupport

/// Issue 10 item 3, second red-team pass: a fake root is a tree, and its absolute links and `..` resolve inside it
/// as if it were chrooted. Before openat2(RESOLVE_IN_ROOT) every SystemRoot read, write, listing and mkdir
/// followed an absolute link in the tree to the live system's file of that name.
@Suite struct SystemRootBeneathTests {
    /// A file outside the fake root with known bytes, and a link inside the root naming it by absolute path.
    func planted(_ fake: FakeRoot, at relative: String, outside: FakeRoot, contents: String) throws -> URL {
        let victim = try outside.file("victim", contents)
        let link = fake.directory.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(symlink(victim.path, link.path) == 0)
        return victim
    }

    @Test func anAbsoluteLinkIsNotFollowedOutOfTheRootForReading() throws {
        let fake = try FakeRoot(), outside = try FakeRoot()
        _ = try planted(fake, at: "sys/block/zram1/comp_algorithm", outside: outside, contents: "lzo [zstd]\n")
        #expect(!fake.root.exists("sys/block/zram1/comp_algorithm"))
        #expect(throws: Errno.noSuchFileOrDirectory) { try fake.root.read("sys/block/zram1/comp_algorithm") }
        // The same link resolved inside the tree finds the tree's file of that name.
        try fake.file(String(outside.directory.appendingPathComponent("victim").path.dropFirst()), "[lz4]\n")
        #expect(try fake.root.read("sys/block/zram1/comp_algorithm") == "[lz4]\n")
    }

    @Test func anAbsoluteLinkIsNotFollowedOutOfTheRootForWriting() throws {
        let fake = try FakeRoot(), outside = try FakeRoot()
        let victim = try planted(fake, at: "sys/block/zram1/disksize", outside: outside, contents: "precious\n")
        #expect(throws: Errno.noSuchFileOrDirectory) { try fake.root.write("sys/block/zram1/disksize", "1048576") }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
    }

    @Test func dotDotAndLinkedDirectoriesStayInsideTheRoot() throws {
        let fake = try FakeRoot(), outside = try FakeRoot()
        try outside.file("etc/modprobe.d/evil.conf", "options zram num_devices=7\n")
        try fake.directory("etc")
        #expect(symlink(outside.directory.appendingPathComponent("etc/modprobe.d").path,
                        fake.directory.appendingPathComponent("etc/modprobe.d").path) == 0)
        #expect(fake.root.list("etc/modprobe.d") == [])
        #expect(!fake.root.isDirectory("etc/modprobe.d"))
        let depth = outside.directory.path.split(separator: "/").count + 2
        let up = String(repeating: "../", count: depth) + String(outside.directory.path.dropFirst()) + "/etc/modprobe.d/evil.conf"
        #expect(throws: Errno.noSuchFileOrDirectory) { try fake.root.read("etc/" + up) }
        #expect(throws: Errno.noSuchFileOrDirectory) { try fake.root.makeDirectory(up.dropLast(20) + "made") }
        #expect(!FileManager.default.fileExists(atPath: outside.directory.appendingPathComponent("etc/made").path))
    }

    /// A FIFO where a file is expected must neither block the open nor the read.
    @Test func aFifoIsRefusedWithoutBlocking() throws {
        let fake = try FakeRoot()
        try fake.directory("etc/modprobe.d")
        #expect(mkfifo(fake.directory.appendingPathComponent("etc/modprobe.d/zram.conf").path, 0o644) == 0)
        #expect(throws: Errno.invalidArgument) { try fake.root.read("etc/modprobe.d/zram.conf") }
    }

    /// modprobe reads every *.conf whatever its name's bytes; the trust check must not skip one it cannot decode.
    @Test func aModprobeFileWithANonUTF8NameIsNotTrusted() throws {
        let fake = try FakeRoot()
        try fake.directory("etc/modprobe.d")
        let dir = fake.directory.appendingPathComponent("etc/modprobe.d").path
        let name: [UInt8] = Array(dir.utf8) + [0x2f, 0xff, 0x2e, 0x63, 0x6f, 0x6e, 0x66, 0]  // "/\xff.conf"
        let fd = name.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: name.count) { Glibc.open($0, O_WRONLY | O_CREAT | O_EXCL, 0o666) }
        }
        #expect(fd >= 0)
        fchmod(fd, 0o666)
        close(fd)
        let problem = try #require(ModprobeConfigTrust.untrusted(root: fake.root))
        #expect(problem.path == dir + "/\\xFF.conf")
        #expect(problem.reason.contains("not UTF-8"))
        #expect(fake.root.entries("etc/modprobe.d").map(\.bytes) == [[0xff, 0x2e, 0x63, 0x6f, 0x6e, 0x66]])
        #expect(fake.root.list("etc/modprobe.d") == [])
    }
}
