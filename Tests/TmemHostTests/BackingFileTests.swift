import CShimSystem
import Foundation
import Testing
import TmemHost
import TmemTestSupport

/// The backing file's rules (what is created, reused or refused) and the loop ABI mirrors, on fake roots and
/// hand-made facts; the live side is LiveKernelTests.BackingFileLive.
@Suite struct BackingFileTests {
    /// include/uapi/linux/loop.h worked by hand: loop_info64 is five u64 (40), four u32 (16), two 64-byte names
    /// and a 32-byte key (160), two u64 (16) = 232; loop_config adds fd and block_size (8) and eight u64 (64) = 304.
    @Test func theLoopMirrorsHaveTheKernelsSizes() {
        #expect(cshim_loop_info64_size() == 232)
        #expect(cshim_loop_config_size() == 304)
        #expect(MemoryLayout<CShimLoopConfig>.size == 304)
        #expect(MemoryLayout<CShimLoopInfo64>.offset(of: \.lo_flags) == 52)
        #expect(CSHIM_LO_FLAGS_AUTOCLEAR == 4 && CSHIM_LO_FLAGS_DIRECT_IO == 16)
    }

    let gib: UInt64 = 1 << 30

    @Test func aMissingFileIsCreatedWhenTheDirectoryHasRoom() {
        let room = BackingFileFacts(entry: .absent, directoryFreeBytes: 5 * gib)
        #expect(room.decide(path: "/var/lib/zram-backing", sizeBytes: 4 * gib, euid: 0) == .success(.create))
        let tight = BackingFileFacts(entry: .absent, directoryFreeBytes: 3 * gib)
        guard case .failure(let why) = tight.decide(path: "/var/lib/zram-backing", sizeBytes: 4 * gib, euid: 0) else {
            Issue.record("4 GiB fitted into 3 GiB")
            return
        }
        #expect(why.message == "/var/lib/zram-backing: 4294967296 bytes are needed and /var/lib has only 3221225472 bytes free (statvfs, blocks available to non-root): free space or set a smaller size")
    }

    @Test func anExistingFileIsReusedOnlyAsTmemctlWouldHaveMadeIt() {
        func facts(size: UInt64 = 1 << 30, allocated: UInt64 = 1 << 30, owner: UInt32 = 0, mode: UInt32 = 0o600, links: UInt64 = 1,
                   free: UInt64 = 0) -> BackingFileFacts {
            BackingFileFacts(entry: .regular(size: size, allocatedBytes: allocated, owner: owner, mode: mode, links: links), directoryFreeBytes: free)
        }
        func refusal(_ f: BackingFileFacts) -> String? {
            if case .failure(let w) = f.decide(path: "/srv/b", sizeBytes: gib, euid: 0) { w.message } else { nil }
        }
        #expect(facts().decide(path: "/srv/b", sizeBytes: gib, euid: 0) == .success(.reuse))
        // Holes in it are filled by fallocate: only they need free space.
        #expect(refusal(facts(allocated: gib / 2, free: gib / 2 - 1))?.contains("536870912 bytes are needed and /srv has only 536870911") == true)
        #expect(facts(allocated: gib / 2, free: gib / 2).decide(path: "/srv/b", sizeBytes: gib, euid: 0) == .success(.reuse))
        #expect(refusal(facts(size: gib / 2))?.contains("exists with 536870912 bytes, not the 1073741824") == true)
        #expect(refusal(facts(owner: 1000))?.contains("belongs to uid 1000") == true)
        #expect(refusal(facts(mode: 0o640))?.contains("mode 640") == true)
        #expect(refusal(facts(links: 2))?.contains("2 hard links") == true)
        #expect(refusal(BackingFileFacts(entry: .other("a symbolic link"), directoryFreeBytes: 8 * gib))
            == "/srv/b is a symbolic link, not a regular file: tmemctl neither follows nor replaces it; remove it or name another path")
    }

    @Test func factsAreReadWithoutFollowingLinks() throws {
        let f = try FakeRoot()
        _ = try f.file("srv/real", "x")
        #expect(symlink(f.root.absolute("srv/real"), f.root.absolute("srv/link")) == 0)
        #expect(BackingFileFacts.read(path: "/srv/link", root: f.root).entry == .other("a symbolic link"))
        let absent = BackingFileFacts.read(path: "/srv/new", root: f.root)
        #expect(absent.entry == .absent && absent.directoryProblem == nil)
        #expect((absent.directoryFreeBytes ?? 0) > 0)
        guard case .regular(let size, _, let owner, _, let links) = BackingFileFacts.read(path: "/srv/real", root: f.root).entry else {
            Issue.record("a regular file read as something else")
            return
        }
        #expect(size == 1 && owner == geteuid() && links == 1)
        #expect(BackingFileFacts.read(path: "/nodir/x", root: f.root).directoryProblem?.contains("ENOENT") == true)
    }

    @Test func aFakeRootNeverMakesAFileOrALoopDevice() throws {
        let f = try FakeRoot()
        let e = try #require(throws: HostError.self) { try OpenBackingFile.open(path: "/srv/b", sizeBytes: 1 << 20, root: f.root) }
        #expect(e.errno == .notPermitted && e.description.contains("planned and shown"))
        #expect(!FileManager.default.fileExists(atPath: f.root.absolute("srv/b")))
    }

    @Test func aDmCryptMappingOverALoopDeviceIsFollowedToItsFile() throws {
        let f = try FakeRoot()
        _ = try f.file("sys/block/dm-0/dm/name", "tmemctl-zram1\n")
        _ = try f.file("sys/block/dm-0/slaves/loop4", "")
        _ = try f.file("sys/block/loop4/loop/backing_file", "/var/lib/zram1.backing\n")
        #expect(BackingChain.resolve(backingDev: "/dev/dm-0", root: f.root)
            == BackingChain(file: "/var/lib/zram1.backing", loop: "loop4", mapping: "tmemctl-zram1"))
        #expect(BackingChain.resolve(backingDev: "/dev/mapper/tmemctl-zram1", root: f.root).file == "/var/lib/zram1.backing")
        // What Debian 12's zram shows once cryptsetup (without udev) removed the node at the deferred close.
        #expect(BackingChain.resolve(backingDev: "/dev/mapper/tmemctl-zram1 (deleted)", root: f.root)
            == BackingChain(file: "/var/lib/zram1.backing", loop: "loop4", mapping: "tmemctl-zram1"))
        #expect(BackingChain.resolve(backingDev: "/dev/loop4", root: f.root) == BackingChain(file: "/var/lib/zram1.backing", loop: "loop4", mapping: nil))
        #expect(BackingChain.resolve(backingDev: "/dev/vdb", root: f.root) == BackingChain())
    }

    /// The key goes to cryptsetup on stdin: the argument vector carries only the key's size and `-`.
    @Test func cryptsetupGetsTheKeyOnStdinAndARandomKeyIsRandom() {
        #expect(CryptBacking.openArguments(over: "/dev/loop4", name: "tmemctl-zram1") == [
            "open", "--type", "plain", "--cipher", "aes-xts-plain64", "--key-size", "512", "--hash", "plain",
            "--sector-size", "4096", "--key-file", "-", "--keyfile-size", "64", "/dev/loop4", "tmemctl-zram1",
        ])
        #expect(CryptBacking.deferredCloseArguments(name: "tmemctl-zram1") == ["close", "--deferred", "tmemctl-zram1"])
        var a = [UInt8](repeating: 0, count: 64), b = [UInt8](repeating: 0, count: 64)
        #expect(a.withUnsafeMutableBufferPointer { cshim_random_bytes($0.baseAddress, 64) } == 0)
        #expect(b.withUnsafeMutableBufferPointer { cshim_random_bytes($0.baseAddress, 64) } == 0)
        #expect(a != b && a != [UInt8](repeating: 0, count: 64))
    }
}
