import Foundation
import Testing
import TmemControl
import TmemCore
import TmemHost
import TmemTestSupport

/// `writeback-device = file:PATH SIZE` in the plan, on fake roots with the file's facts (free space included)
/// injected: the order (the backing file before the algorithm and disksize, the day's writeback_limit after
/// disksize), the refusals (no room, no cryptsetup), a device already on its file left alone, and a fake root
/// on which the step is planned but never carried out. Numbers are worked by hand: 4 GiB = 4294967296 bytes,
/// 256 MiB / 4096 = 65536 units, (256 − 100) MiB / 4096 = 39936 units.
@Suite struct BackingFilePlanTests {
    static let path = "/var/lib/tmemctl/zram1.backing"
    static let gib: UInt64 = 1 << 30

    static func device(encrypt: Bool = false, budget: UInt64? = 256 << 20) -> DesiredState.Device {
        .init(name: "zram1", disksize: gib, compAlgorithm: "lz4",
              backingFile: .init(path: path, sizeBytes: 4 * gib, encrypt: encrypt), writebackBudget: budget, swap: .init())
    }

    static func host(devices: [Int] = [0]) throws -> FakeRoot {
        try FakeHost.make(devices: devices, extraAttributes: ["backing_dev", "writeback", "bd_stat", "writeback_limit", "writeback_limit_enable"])
    }

    static func current(_ f: FakeRoot, free: UInt64 = 5 << 30, now: Int64 = 0) throws -> CurrentState {
        var c = try CurrentState.read(root: f.root, backingFiles: [path], now: now)
        c.backingFiles[path] = BackingFileFacts(entry: .absent, directoryFreeBytes: free)
        return c
    }

    @Test func theFileIsBoundBeforeDisksizeAndTheBudgetIsTheKernelsLimitFromTheStart() throws {
        let f = try Self.host()
        let plan = Planner.plan(DesiredState(devices: [Self.device()]), current: try Self.current(f), options: .init(mode: .apply))
        #expect(plan.errors.isEmpty, "\(plan.errors)")
        #expect(plan.devices[0].status == .create)
        #expect(plan.devices[0].actions.map(\.description) == [
            "create zram1",
            "create /var/lib/tmemctl/zram1.backing (4294967296 bytes, mode 0600, fallocated), bind it to a free loop device (direct I/O, autoclear) and write that to /sys/block/zram1/backing_dev",
            "write lz4 to /sys/block/zram1/comp_algorithm",
            "write 1073741824 to /sys/block/zram1/disksize",
            "write 1 to /sys/block/zram1/writeback_limit_enable",
            "write 65536 to /sys/block/zram1/writeback_limit",
            "mkswap /dev/zram1",
            "swapon /dev/zram1 with priority 100 (discard)",
        ])
        #expect(plan.devices[0].actions[1].kind == "backing-file")
        #expect(plan.devices[0].actions[1].value == "size=4294967296 create")
    }

    @Test func whatTheLedgerSpentTodayIsTakenOffTheLimit() throws {
        let f = try Self.host()
        let dec4At10 = Int64(1_796_378_400)   // 2026-12-04T10:00:00Z, UTC day 20791
        try TieringLedger(budget: WritebackBudget(day: 20791, usedBytes: 100 << 20), bootId: "x", bdWritesSeen: 0).write(root: f.root, device: "zram1")
        let today = Planner.plan(DesiredState(devices: [Self.device()]), current: try Self.current(f, now: dec4At10), options: .init(mode: .apply))
        #expect(today.devices[0].actions.contains(.write(device: "zram1", path: "sys/block/zram1/writeback_limit", value: "39936")))
        // The next UTC day starts from the whole budget.
        let tomorrow = Planner.plan(DesiredState(devices: [Self.device()]), current: try Self.current(f, now: dec4At10 + 86_400), options: .init(mode: .apply))
        #expect(tomorrow.devices[0].actions.contains(.write(device: "zram1", path: "sys/block/zram1/writeback_limit", value: "65536")))
        // No budget: the limit is left as the kernel has it.
        let unlimited = Planner.plan(DesiredState(devices: [Self.device(budget: nil)]), current: try Self.current(f), options: .init(mode: .apply))
        #expect(!unlimited.devices[0].actions.contains { $0.path.hasSuffix("writeback_limit") || $0.path.hasSuffix("writeback_limit_enable") })
    }

    @Test func tooLittleFreeSpaceIsRefusedNamingThePathTheFreeSpaceAndTheSize() throws {
        let f = try Self.host()
        let plan = Planner.plan(DesiredState(devices: [Self.device()]), current: try Self.current(f, free: 3 << 30), options: .init(mode: .apply))
        #expect(plan.devices[0].status == .invalid)
        #expect(plan.devices[0].actions.isEmpty)
        #expect(plan.errors == ["zram1: writeback-device: /var/lib/tmemctl/zram1.backing: 4294967296 bytes are needed and /var/lib/tmemctl has only 3221225472 bytes free (statvfs, blocks available to non-root): free space or set a smaller size"])
    }

    @Test func aKernelWithoutWritebackRefusesTheFile() throws {
        let f = try FakeHost.make(devices: [0])
        let plan = Planner.plan(DesiredState(devices: [Self.device()]), current: try Self.current(f), options: .init(mode: .apply))
        #expect(plan.errors == ["zram1: this kernel has no writeback (CONFIG_ZRAM_WRITEBACK) for writeback-device"])
    }

    /// A fake root's own cryptsetup makes the step plannable; carrying the plan out on that root runs nothing
    /// (the fake cryptsetup would leave a mark) and makes no file.
    @Test func encryptionIsRefusedWithoutCryptsetupAndOnlyPlannedUnderAFakeRoot() throws {
        let f = try Self.host(devices: [0, 1])
        let none = Planner.plan(DesiredState(devices: [Self.device(encrypt: true)]), current: try Self.current(f), options: .init(mode: .apply))
        #expect(none.devices[0].status == .invalid)
        let dirs = ["usr/sbin", "usr/bin", "sbin", "bin"].map { f.root.absolute($0) }.joined(separator: ", ")
        #expect(none.errors == ["zram1: writeback-encrypt needs cryptsetup, and there is none in \(dirs): install cryptsetup-bin, or set writeback-encrypt = no"])

        let mark = f.root.absolute("ran")
        _ = try f.file("usr/sbin/cryptsetup", "#!/bin/sh\ntouch \(mark)\n", mode: 0o755)
        let plan = Planner.plan(DesiredState(devices: [Self.device(encrypt: true)]), current: try Self.current(f), options: .init(mode: .apply))
        #expect(plan.errors.isEmpty, "\(plan.errors)")
        #expect(plan.devices[0].status == .configure)
        #expect(plan.devices[0].actions[0].description == "create /var/lib/tmemctl/zram1.backing (4294967296 bytes, mode 0600, fallocated), bind it to a free loop device (direct I/O, autoclear), open dm-crypt over that as /dev/mapper/tmemctl-zram1 (plain aes-xts-plain64, a random key for this boot) and write that to /sys/block/zram1/backing_dev")
        #expect(plan.devices[0].actions[0].value == "size=4294967296 create encrypt")

        let result = PlanExecutor(root: f.root).execute(plan)
        #expect(result.devices.first?.outcome == "failed")
        #expect(result.devices.first?.error?.contains("planned and shown") == true, "\(result.devices)")
        #expect(!FileManager.default.fileExists(atPath: mark), "cryptsetup ran under a fake root")
        #expect(!FileManager.default.fileExists(atPath: f.root.absolute(String(Self.path.dropFirst()))))
        #expect(try f.contents("sys/block/zram1/backing_dev") == "")
    }

    /// An owned device already on its file (backing_dev → loop3 → the file) is up to date; another file, or
    /// encryption asked for, needs a reset and names both sides.
    @Test func aDeviceAlreadyOnItsFileIsLeftAloneAndAnotherFileNeedsAReset() throws {
        let f = try FakeHost.make(devices: [0, 1], extraAttributes: ["backing_dev", "writeback", "bd_stat", "writeback_limit", "writeback_limit_enable"])
        let d = "sys/block/zram1/"
        _ = try f.file(d + "initstate", "1\n")
        _ = try f.file(d + "disksize", "1073741824\n")
        _ = try f.file(d + "comp_algorithm", "lzo-rle lzo [lz4] \n")
        _ = try f.file(d + "backing_dev", "/dev/loop3\n")
        _ = try f.file("sys/block/loop3/loop/backing_file", Self.path + "\n")
        _ = try f.file("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/zram1                              partition\t1048572\t\t0\t\t100\n")
        try ApplyRecords(root: f.root).recordOwnership(.init(device: Self.device()))
        // The file is in use and fills the disk: it is not checked again.
        let c = try Self.current(f, free: 0)
        #expect(c.devices[1]?.backingChain == BackingChain(file: Self.path, loop: "loop3", mapping: nil))
        let same = Planner.plan(DesiredState(devices: [Self.device()]), current: c, options: .init(mode: .apply))
        #expect(same.devices[0].status == .upToDate, "\(same.devices[0].reasons)")

        var other = Self.device()
        other.backingFile?.path = "/srv/other.backing"
        var c2 = c
        c2.backingFiles["/srv/other.backing"] = BackingFileFacts(entry: .absent, directoryFreeBytes: 8 << 30)
        let moved = Planner.plan(DesiredState(devices: [other]), current: c2, options: .init(mode: .apply, reconfigure: true))
        #expect(moved.devices[0].status == .reset)
        #expect(moved.devices[0].reasons.contains("backing_dev is /var/lib/tmemctl/zram1.backing through a loop device, wanted /srv/other.backing through a loop device"))
        #expect(Array(moved.devices[0].actions.map(\.kind).prefix(3)) == ["swapoff", "reset", "backing-file"])

        _ = try f.file("usr/sbin/cryptsetup", "", mode: 0o755)
        let encrypted = Planner.plan(DesiredState(devices: [Self.device(encrypt: true)]), current: try Self.current(f), options: .init(mode: .apply))
        #expect(encrypted.devices[0].reasons.contains("backing_dev is /var/lib/tmemctl/zram1.backing through a loop device, wanted /var/lib/tmemctl/zram1.backing through a loop device and dm-crypt"))
        // Teardown resets and removes; the loop device goes by itself (autoclear), so there is no step for it.
        let down = Planner.plan(DesiredState(devices: [Self.device()]), current: c, options: .init(mode: .teardown))
        #expect(down.devices[0].actions == [.swapoff(device: "zram1"), .reset(device: "zram1"), .remove(device: "zram1")])
    }
}
