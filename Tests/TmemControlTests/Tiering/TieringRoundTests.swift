import Foundation
import Testing
import TmemControl
import TmemCore
import TmemHost
import TmemTestSupport

/// `policy run` rounds on a fake 6.12 root with a clock moved by hand. A fake root's bd_stat only changes when
/// the test rewrites it, standing in for the kernel writing pages back; every expected number is worked by hand
/// from the budget (1 MiB a day = 256 units of 4 KiB) and those counters.
@Suite struct TieringRoundTests {
    static let dec3At10 = Int64(1_796_292_000)      // 2026-12-03T10:00:00Z (date -u -d ... +%s), UTC day 20790
    static let dec4 = Int64(1_796_342_400)          // 2026-12-04T00:00:00Z, day 20791

    func host(bdWrites: UInt64 = 0) throws -> FakeRoot {
        let f = try FakeHost.make(devices: [0])
        try FakeHost.writebackDevice(f, 1, release: "6.12.117+deb13-amd64", config: "CONFIG_ZRAM_WRITEBACK=y\nCONFIG_ZRAM_TRACK_ENTRY_ACTIME=y\n")
        try bdStat(f, bdWrites)
        try f.file("proc/sys/kernel/random/boot_id", "0b5c2c7e-1111-4222-8333-944455556666\n")
        return f
    }

    func bdStat(_ f: FakeRoot, _ writes: UInt64) throws {
        try f.file("sys/block/zram1/bd_stat", "\(String(repeating: " ", count: 7))\(writes)        0 \(writes)\n")
    }

    let policy = TieringPolicy(device: "zram1", idleAge: .seconds(3600), writebackBudget: 1 << 20, writebackTypes: [.idle])

    func round(_ f: FakeRoot, at t: Int64, _ p: TieringPolicy? = nil) throws -> TieringRound.Report {
        try TieringRound(policy: p ?? policy, root: f.root, now: { t }).run(dryRun: false)
    }

    func clearWrites(_ f: FakeRoot) throws {
        for a in ["idle", "writeback", "writeback_limit"] { try f.file("sys/block/zram1/\(a)", "") }
    }

    @Test func aRoundMarksIdleThenWritesBackUnderTheKernelsLimit() throws {
        let f = try host()
        let r = try round(f, at: Self.dec3At10)
        #expect(try f.contents("sys/block/zram1/idle") == "3600")
        #expect(try f.contents("sys/block/zram1/writeback_limit_enable") == "1")
        #expect(try f.contents("sys/block/zram1/writeback_limit") == "256")          // 1048576 / 4096
        #expect(try f.contents("sys/block/zram1/writeback") == "idle")              // 6.12: the bare word
        #expect(r.steps.map(\.attribute) == ["idle", "writeback_limit_enable", "writeback_limit", "writeback"])
        #expect(r.budget.utcDay == 20790 && r.budget.remainingBytes == 1 << 20)
        #expect(r.skipped.isEmpty)
    }

    @Test func spendingComesFromBdWritesAndIsChargedOnce() throws {
        let f = try host()
        _ = try round(f, at: Self.dec3At10)
        // The kernel wrote 100 pages: 409600 bytes spent, 638976 left = 156 units.
        try bdStat(f, 100)
        let r2 = try round(f, at: Self.dec3At10 + 3600)
        #expect(r2.budget.unaccountedBytes == 409_600)
        #expect(try f.contents("sys/block/zram1/writeback_limit") == "156")
        // The same round again, nothing written meanwhile: nothing charged twice, the same limit.
        try clearWrites(f)
        let r3 = try round(f, at: Self.dec3At10 + 3601)
        #expect(r3.budget.unaccountedBytes == 0 && r3.budget.usedAfterBytes == 409_600)
        #expect(try f.contents("sys/block/zram1/writeback_limit") == "156")

        let ledger = try #require(try TieringLedger.read(root: f.root, device: "zram1"))
        #expect(ledger == TieringLedger(budget: WritebackBudget(day: 20790, usedBytes: 409_600),
                                        bootId: "0b5c2c7e-1111-4222-8333-944455556666", bdWritesSeen: 100))
        var st = stat()
        #expect(stat(f.root.absolute("var/lib/tmemctl/tiering/zram1.json"), &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
    }

    @Test func aUsedUpBudgetWaitsForTheNextUTCDayAndAClockSetBackDoesNotRefillIt() throws {
        let f = try host()
        _ = try round(f, at: Self.dec3At10)
        try bdStat(f, 256)                       // the whole 1 MiB
        try clearWrites(f)
        let spent = try round(f, at: Self.dec3At10 + 60)
        #expect(try f.contents("sys/block/zram1/writeback") == "")
        #expect(spent.skipped.contains { $0.contains("budget is used up") })
        #expect(spent.budget.remainingBytes == 0)

        let next = try round(f, at: Self.dec4)
        #expect(try f.contents("sys/block/zram1/writeback_limit") == "256")
        #expect(next.budget.utcDay == 20791 && next.budget.usedBeforeBytes == 0)

        try bdStat(f, 256 + 64)                  // 64 units on Dec 4 = 262144 bytes
        try clearWrites(f)
        let back = try round(f, at: Self.dec3At10 + 7200)     // the clock jumps back to Dec 3
        #expect(back.budget.utcDay == 20791)
        #expect(back.budget.usedAfterBytes == 262_144)
        #expect(try f.contents("sys/block/zram1/writeback_limit") == "192")       // 256 − 64
    }

    @Test func aNewBootOrAResetCountsTheCounterFromZero() throws {
        let f = try host()
        _ = try round(f, at: Self.dec3At10)
        try bdStat(f, 200)
        _ = try round(f, at: Self.dec3At10 + 60)                                   // 200 units charged
        try f.file("proc/sys/kernel/random/boot_id", "7d0f0000-aaaa-4bbb-8ccc-dddddddddddd\n")
        try bdStat(f, 30)                                                          // written since the boot
        let r = try round(f, at: Self.dec3At10 + 120)
        #expect(r.budget.unaccountedBytes == 30 * 4096)
        #expect(r.budget.usedAfterBytes == 230 * 4096)
        #expect(try f.contents("sys/block/zram1/writeback_limit") == "26")          // 256 − 230
    }

    @Test func withoutABudgetTheLimitGoesOffAndMissingOptionsAreSkipped() throws {
        let f = try host()
        try f.file("sys/block/zram1/writeback_limit_enable", "1\n")
        try f.file("boot/config-6.12.117+deb13-amd64", "CONFIG_ZRAM_WRITEBACK=y\n")   // no access times
        let p = TieringPolicy(device: "zram1", idleAge: .seconds(600), writebackTypes: [.huge, .idle], recompressType: .huge)
        let r = try round(f, at: Self.dec3At10, p)
        #expect(try f.contents("sys/block/zram1/writeback_limit_enable") == "0")
        #expect(try f.contents("sys/block/zram1/idle") == "")
        #expect(r.steps.filter { $0.attribute == "writeback" }.map(\.value) == ["huge", "idle"])
        #expect(r.skipped.count == 2)
        #expect(r.skipped.contains { $0.contains("CONFIG_ZRAM_TRACK_ENTRY_ACTIME") })
        #expect(r.skipped.contains { $0.contains("CONFIG_ZRAM_MULTI_COMP") })
        #expect(r.budget.remainingBytes == nil)
    }

    @Test func pressureAgeUsesMeminfo() throws {
        let f = try host()
        // MemAvailable half of MemTotal: 85800 · e^−2.5 + 600 = 7642.89 → 7642 s.
        try f.file("proc/meminfo", "MemTotal:        8388608 kB\nMemAvailable:    4194304 kB\n")
        let p = TieringPolicy(device: "zram1", idleAge: .pressure(minSeconds: 600, maxSeconds: 86400), writebackTypes: [])
        let r = try round(f, at: Self.dec3At10, p)
        #expect(r.idleAgeSeconds == 7642)
        #expect(try f.contents("sys/block/zram1/idle") == "7642")
    }

    @Test func aDryRunWritesNothingAndRecordsNothing() throws {
        let f = try host(bdWrites: 10)
        let r = try TieringRound(policy: policy, root: f.root, now: { Self.dec3At10 }).run(dryRun: true)
        #expect(r.after == nil)
        #expect(r.steps.allSatisfy { $0.result == "not written (dry run)" })
        #expect(try f.contents("sys/block/zram1/writeback") == "")
        #expect(try TieringLedger.read(root: f.root, device: "zram1") == nil)
        #expect(try f.contents("sys/block/zram1/writeback_limit") == "")
    }

    @Test func anAgeBeyondTheUptimeMarksNothingAndIdleWritebackWaits() throws {
        let f = try host()
        try f.file("proc/uptime", "120.57 200.00\n")
        let p = TieringPolicy(device: "zram1", idleAge: .seconds(3600), writebackTypes: [.idle, .huge])
        let r = try round(f, at: Self.dec3At10, p)
        #expect(try f.contents("sys/block/zram1/idle") == "")
        #expect(r.steps.filter { $0.attribute == "writeback" }.map(\.value) == ["huge"])
        #expect(r.skipped.contains { $0.contains("uptime (120 s)") }, "\(r.skipped)")
        // 120 s after boot an age of 60 s can be met.
        let ok = try round(f, at: Self.dec3At10, TieringPolicy(device: "zram1", idleAge: .seconds(60), writebackTypes: [.idle]))
        #expect(try f.contents("sys/block/zram1/idle") == "60")
        #expect(ok.skipped.isEmpty)
    }

    /// Two rounds on one device at once must not both read the same ledger: the second waits for the first's
    /// lock (zram1.lock beside the ledger, 0600, no link followed) and gives up after its timeout, changing nothing.
    @Test func aConcurrentRoundWaitsForTheLedgerLockAndALinkedLockFileIsRefused() throws {
        let f = try host()
        do {
        let held = try TieringLedger.lock(root: f.root, device: "zram1", timeout: 1)
        var st = stat()
        #expect(lstat(f.root.absolute("var/lib/tmemctl/tiering/zram1.lock"), &st) == 0)
        #expect(st.st_mode & S_IFMT == S_IFREG && st.st_mode & 0o777 == 0o600)
        let started = Date()
        #expect(throws: HostError.self) {
            try TieringRound(policy: policy, root: f.root, now: { Self.dec3At10 }, lockTimeout: 0.3).run(dryRun: false)
        }
        #expect(Date().timeIntervalSince(started) >= 0.3)
        #expect(try f.contents("sys/block/zram1/writeback_limit") == "", "the waiting round wrote to the kernel")
        #expect(try TieringLedger.read(root: f.root, device: "zram1") == nil, "the waiting round wrote a ledger")
        // A dry run takes no lock: it writes nothing.
        #expect(try TieringRound(policy: policy, root: f.root, now: { Self.dec3At10 }, lockTimeout: 0.3).run(dryRun: true).dryRun)
        withExtendedLifetime(held) {}
        }
        #expect(try round(f, at: Self.dec3At10).budget.remainingBytes == 1 << 20)

        // A lock file replaced by a link is not followed.
        let lock = f.root.absolute("var/lib/tmemctl/tiering/zram1.lock")
        #expect(unlink(lock) == 0)
        #expect(symlink(f.root.absolute("elsewhere"), lock) == 0)
        let e = try #require(throws: HostError.self) { try self.round(f, at: Self.dec3At10 + 60) }
        #expect(e.errno == .tooManySymbolicLinkLevels, "\(e)")
        #expect(!FileManager.default.fileExists(atPath: f.root.absolute("elsewhere")))
    }
}
