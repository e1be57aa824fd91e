import Foundation
import Testing
import TmemTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 10 item 13 (and item 21's "a refused state is exit 1"): reset and remove find every holder the kernel
/// would answer EBUSY for — swap through any node with the device's number, a block device stacked on it
/// (/sys/block/zramN/holders), a process with it open (/proc/PID/fd) — and refuse by name; --dry-run says the
/// change would fail. The fake root's zram1 has the number 240:77 (a local/experimental major, no real device).
@Suite struct ZramHoldersTests {
    func host() throws -> FakeRoot {
        let f = try FakeHost.make(devices: [0, 1])
        try f.file("sys/block/zram1/dev", "240:77\n")
        return f
    }

    /// A second block node for zram1's number inside the root (stat reads st_rdev; nothing opens it).
    func secondNode(_ f: FakeRoot, _ relative: String) throws {
        try f.directory(String(relative.split(separator: "/").dropLast().joined(separator: "/")))
        let dev = dev_t((240 << 8) | 77)
        #expect(mknod(f.directory.appendingPathComponent(relative).path, S_IFBLK | 0o600, dev) == 0, "mknod: \(errno)")
    }

    func run(_ f: FakeRoot, _ args: [String]) throws -> TmemctlRunner.Result {
        try TmemctlRunner.run(args + ["--root", f.directory.path])
    }

    @Test(.enabled(if: getuid() == 0, "mknod of a block node needs CAP_MKNOD"))
    func swapThroughASecondNodeIsSwap() throws {
        let f = try host()
        try secondNode(f, "tmp/other/zswap")
        try f.file("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/tmp/other/zswap                        partition\t1048572\t\t0\t\t5\n")
        let before = try f.regularFileContents()
        for verb in ["reset", "remove"] {
            let r = try run(f, ["zram", verb, "zram1"])
            #expect(r.status == 1, "\(verb): \(r.stdout) \(r.stderr)")
            #expect(r.stderr == "tmemctl: zram1 is active swap (priority 5); pass --force to swapoff and \(verb) it, or swapoff /dev/zram1 first\n")
            let dry = try run(f, ["zram", verb, "zram1", "--dry-run"])
            #expect(dry.status == 1, "\(verb) --dry-run: \(dry.stdout) \(dry.stderr)")
            #expect(dry.stdout.isEmpty)
            #expect(dry.stderr.hasPrefix("tmemctl: --dry-run: \(verb) zram1 would fail: zram1 is active swap"), "\(dry.stderr)")
        }
        #expect(try f.regularFileContents() == before)
        // zram0 has another number: the node does not make it swap.
        #expect(try run(f, ["zram", "reset", "zram0"]).status == 0)
    }

    @Test func aStackedBlockDeviceHoldsIt() throws {
        let f = try host()
        try f.directory("sys/block/zram1/holders/dm-3")
        let before = try f.regularFileContents()
        let r = try run(f, ["zram", "reset", "zram1"])
        #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr == "tmemctl: zram1 is held by dm-3 (/dev/zram1 is under a device-mapper, LVM or md device, see /sys/block/zram1/holders); remove dm-3 before you reset it\n")
        let dry = try run(f, ["zram", "remove", "zram1", "--dry-run"])
        #expect(dry.status == 1 && dry.stderr.contains("would fail: zram1 is held by dm-3"), "\(dry.stderr)")
        #expect(try f.regularFileContents() == before)
    }

    @Test func aProcessWithTheNodeOpenIsNamed() throws {
        let f = try host()
        try f.file("proc/4242/comm", "sleep\n")
        try f.directory("proc/4242/fd")
        try FileManager.default.createSymbolicLink(atPath: f.directory.appendingPathComponent("proc/4242/fd/3").path,
                                                   withDestinationPath: "/dev/zram1")
        try FileManager.default.createSymbolicLink(atPath: f.directory.appendingPathComponent("proc/4242/fd/4").path,
                                                   withDestinationPath: "socket:[991]")
        let before = try f.regularFileContents()
        let r = try run(f, ["zram", "remove", "zram1"])
        #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr == "tmemctl: zram1 is open in process 4242 (sleep); stop it or make it close /dev/zram1 before you remove it\n")
        let dry = try run(f, ["zram", "reset", "zram1", "--dry-run"])
        #expect(dry.status == 1 && dry.stderr.contains("would fail: zram1 is open in process 4242 (sleep)"), "\(dry.stderr)")
        #expect(try f.regularFileContents() == before)
        #expect(try run(f, ["zram", "reset", "zram0"]).status == 0, "zram0 is not open")
    }

    @Test(.enabled(if: getuid() == 0, "mknod of a block node needs CAP_MKNOD"))
    func aProcessHoldingASecondNodeIsNamed() throws {
        let f = try host()
        try secondNode(f, "home/u/node")
        try f.file("proc/77/comm", "qemu-img\n")
        try f.directory("proc/77/fd")
        try FileManager.default.createSymbolicLink(atPath: f.directory.appendingPathComponent("proc/77/fd/9").path,
                                                   withDestinationPath: "/home/u/node")
        let r = try run(f, ["zram", "reset", "zram1"])
        #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("zram1 is open in process 77 (qemu-img)"), "\(r.stderr)")
    }

    /// udev's workers open every device for a moment after a change; the reset waits them out instead of refusing.
    @Test func udevProbingIsNoRefusal() throws {
        let f = try host()
        try f.file("proc/31/comm", "(udev-worker)\n")
        try f.directory("proc/31/fd")
        try FileManager.default.createSymbolicLink(atPath: f.directory.appendingPathComponent("proc/31/fd/3").path,
                                                   withDestinationPath: "/dev/zram1")
        let r = try run(f, ["zram", "reset", "zram1"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// Item 21: swap and a mount are refused states (exit 1), not usage errors.
    @Test func swapAndMountRefusalsExit1() throws {
        let f = try FakeHost.make(devices: [2, 3])
        try f.file("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/zram2                              partition\t1048572\t\t0\t\t-2\n")
        try f.file("proc/self/mountinfo", "90 27 253:3 / /mnt/fast rw - ext4 /dev/zram3 rw\n")
        let before = try f.regularFileContents()
        for args in [["zram", "remove", "zram2"], ["zram", "reset", "zram3"], ["zram", "reset", "zram2", "--force", "zram3"]] {
            let r = try run(f, args)
            #expect(r.status == 1, "\(args): \(r.stderr)")
            #expect(!r.stderr.isEmpty && r.stdout.isEmpty, "\(args)")
        }
        #expect(try f.regularFileContents() == before)
    }
}
