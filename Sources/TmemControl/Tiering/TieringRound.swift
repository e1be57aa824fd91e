import SystemPackage
import TmemCore
import TmemHost

/// One `tmemctl policy run` round on one device: mark idle pages, write back within the day's budget, recompress,
/// and record the spending. The kernel enforces the budget itself: each writeback gets `writeback_limit` set to
/// the whole 4 KiB units left today, so no write can exceed it whatever happens to tmemctl meanwhile.
public struct TieringRound: Sendable {
    public struct Step: Encodable, Equatable, Sendable {
        public var attribute: String
        public var value: String
        /// What the kernel answered: `ok`, or the errno name and what it means here.
        public var result: String
        /// bd_writes grew by this much during the step (4 KiB units), for writeback steps; nil otherwise.
        public var unitsWritten: UInt64?
    }

    public struct BudgetReport: Encodable, Equatable, Sendable {
        /// nil: no writeback-budget.
        public var perDayBytes: UInt64?
        public var utcDay: Int64
        /// Charged at the start of the round for pages written since the last record (by hand, or a round that died).
        public var unaccountedBytes: UInt64
        public var usedBeforeBytes: UInt64
        public var usedAfterBytes: UInt64
        /// nil without a budget.
        public var remainingBytes: UInt64?
    }

    public struct Report: Encodable, Equatable, Sendable {
        public var device: String
        public var kernel: String?
        public var epochSeconds: Int64
        public var dryRun: Bool
        /// The idle age used this round (seconds), nil when no idle marking.
        public var idleAgeSeconds: UInt64?
        public var steps: [Step]
        /// What was left out and why (an option the kernel lacks, a budget used up).
        public var skipped: [String]
        public var budget: BudgetReport
        public var before: ZramTierStats
        public var after: ZramTierStats?
    }

    public var policy: TieringPolicy
    public var root: SystemRoot
    /// Seconds since the epoch, UTC (injected: tests move it across days and back).
    public var now: @Sendable () -> Int64

    /// How long a round waits for another round on the same device to finish (a writeback can take minutes).
    public var lockTimeout: Double

    public init(policy: TieringPolicy, root: SystemRoot, now: @escaping @Sendable () -> Int64, lockTimeout: Double = 600) {
        self.policy = policy
        self.root = root
        self.now = now
        self.lockTimeout = lockTimeout
    }

    public func run(dryRun: Bool) throws -> Report {
        guard let device = ZramDevice(name: policy.device, root: root) else {
            throw InvalidRequest("'\(policy.device)' is not a zram device name")
        }
        guard device.exists else {
            throw ZramTierRefusal("\(device.name) does not exist (\(root.absolute(device.sysfsDir))); set it up with `tmemctl apply` first")
        }
        guard try device.isInitialized() else {
            throw ZramTierRefusal("\(device.name) is not initialized, so it holds no pages; set it up with `tmemctl apply` first")
        }
        // Held to the end of the round: the ledger is read, the kernel written and the ledger replaced as one.
        let lock = dryRun ? nil : try TieringLedger.lock(root: root, device: device.name, timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        let caps = ZramTierCapabilities.probe(root: root)
        let t = now()
        let bootId = BootID.read(root: root)
        let before = try ZramTierStats.read(device)
        var skipped: [String] = []
        var steps: [Step] = []

        // The spending so far: the ledger's, plus whatever bd_writes shows beyond what it last saw.
        let ledger = try TieringLedger.read(root: root, device: device.name)
        let writesNow = before.bdStat?.bdWrites ?? 0
        let unaccounted = ledger?.unitsSince(bdWrites: writesNow, bootId: bootId) ?? writesNow
        var budget = (ledger?.budget ?? WritebackBudget(day: WritebackBudget.day(ofEpochSeconds: t), usedBytes: 0))
            .spending(unaccounted.multipliedReportingOverflow(by: 4096).partialValue, epochSeconds: t)
        let usedBefore = budget.usedBytes
        var seen = writesNow
        func record() throws {
            guard !dryRun else { return }
            try TieringLedger(budget: budget, bootId: bootId, bdWritesSeen: seen).write(root: root, device: device.name)
        }
        try record()

        // 1. Idle marking.
        var ageUsed: UInt64?
        var idleStale = false
        if let age = policy.idleAge {
            let seconds: UInt64
            if case .seconds(let s) = age { seconds = s } else {
                let m = try MemInfo.read(root: root)
                seconds = age.seconds(memTotal: m.fields["MemTotal"] ?? 0, memAvailable: m.fields["MemAvailable"] ?? 0)
            }
            if let up = caps.uptimeSeconds, seconds > 0, seconds >= up {
                // No page can be older than the boot, and 7.x kernels, which keep access times in whole seconds,
                // mark every page idle for such an age (docs/kernel-notes.md#zram-tiering-probes). Marks left
                // from before may be stale, so idle writeback waits for a round where the age can be met.
                skipped.append("idle marking: idle-age \(seconds) s is not below the uptime (\(up) s), so no page is that old; idle writeback waits")
                idleStale = true
            } else {
                do {
                    let w = try ZramTierOperation.idle(.age(seconds: seconds)).writes(on: device, capabilities: caps)
                    ageUsed = seconds
                    steps += try perform(w, on: device, dryRun: dryRun)
                } catch let r as ZramTierRefusal {
                    skipped.append("idle marking: \(r.message)")
                }
            }
        }

        // 2. Writeback, type by type, each under the kernel's limit set to what is left today.
        for type in policy.writebackTypes {
            if idleStale, type == .idle || type == .hugeIdle {
                skipped.append("writeback \(type.rawValue): no page is idle-age old yet")
                continue
            }
            let remaining = policy.writebackBudget.map { budget.remaining(perDay: $0, epochSeconds: t) }
            if let remaining, WritebackBudget.limitUnits(forBytes: remaining) == 0 {
                skipped.append("writeback \(type.rawValue): today's budget is used up (\(budget.usedBytes) of \(policy.writebackBudget!) bytes, UTC day \(budget.day))")
                break
            }
            let writes: [ZramTierWrite]
            do {
                writes = try ZramTierOperation.writeback(type: type, pages: nil, limitBytes: remaining).writes(on: device, capabilities: caps)
            } catch let r as ZramTierRefusal {
                skipped.append("writeback \(type.rawValue): \(r.message)")
                continue
            }
            // No budget: a limit left on by an earlier round or by hand would cap this one, so it goes off.
            let limitOn = try device.writebackLimitEnabled() == true
            let unlimit = remaining == nil && limitOn ? [ZramTierWrite(.writebackLimitEnable, "0")] : []
            let done = try perform(unlimit + writes, on: device, dryRun: dryRun)
            let writesAfter = try device.bdStat()?.bdWrites ?? seen
            let units = writesAfter >= seen ? writesAfter - seen : writesAfter
            seen = writesAfter
            budget = budget.spending(units.multipliedReportingOverflow(by: 4096).partialValue, epochSeconds: t)
            try record()
            steps += done.enumerated().map { i, s in
                var s = s
                if s.attribute == ZramAttribute.writeback.rawValue, i == done.count - 1 { s.unitsWritten = units }
                return s
            }
            if let last = done.last, last.result != "ok" { break }
        }

        // 3. Recompression (no budget: it writes nothing to the backing device).
        if let type = policy.recompressType {
            do {
                let w = try ZramTierOperation.recompress(type: type, thresholdBytes: policy.recompressThreshold, using: nil, maxPages: nil)
                    .writes(on: device, capabilities: caps)
                steps += try perform(w, on: device, dryRun: dryRun)
            } catch let r as ZramTierRefusal {
                skipped.append("recompress \(type.rawValue): \(r.message)")
            }
        }

        let after = dryRun ? nil : try ZramTierStats.read(device)
        let report = BudgetReport(perDayBytes: policy.writebackBudget, utcDay: budget.day,
                                  unaccountedBytes: unaccounted.multipliedReportingOverflow(by: 4096).partialValue,
                                  usedBeforeBytes: usedBefore, usedAfterBytes: budget.usedBytes,
                                  remainingBytes: policy.writebackBudget.map { budget.remaining(perDay: $0, epochSeconds: t) })
        return Report(device: device.name, kernel: caps.release, epochSeconds: t, dryRun: dryRun, idleAgeSeconds: ageUsed,
                      steps: steps, skipped: skipped, budget: report, before: before, after: after)
    }

    /// Makes the writes in order. The answers that end a writeback without anything being wrong (EIO: the limit
    /// is used up; ENOSPC: the backing device is full; EAGAIN: another job runs) are recorded and stop the
    /// writes; any other error is thrown.
    func perform(_ writes: [ZramTierWrite], on device: ZramDevice, dryRun: Bool) throws(HostError) -> [Step] {
        var steps: [Step] = []
        for w in writes {
            guard !dryRun else {
                steps.append(Step(attribute: w.attribute, value: w.value, result: "not written (dry run)"))
                continue
            }
            do throws(HostError) {
                try ZramTierOperation.perform([w], on: device)
                steps.append(Step(attribute: w.attribute, value: w.value, result: "ok"))
            } catch {
                let ending: [Errno: String] = [.ioError: "EIO: the writeback limit is used up",
                                               .noSpace: "ENOSPC: the backing device is full",
                                               .resourceTemporarilyUnavailable: "EAGAIN: another writeback or recompress is running"]
                guard w.attribute == ZramAttribute.writeback.rawValue, let e = error.errno, let why = ending[e] else { throw error }
                steps.append(Step(attribute: w.attribute, value: w.value, result: why))
                break
            }
        }
        return steps
    }
}

/// mm_stat and bd_stat of a device, nil where the kernel has no such file.
public struct ZramTierStats: Encodable, Equatable, Sendable {
    public var mmStat: MMStat?
    public var bdStat: BDStat?

    public static func read(_ d: ZramDevice) throws(HostError) -> ZramTierStats {
        ZramTierStats(mmStat: d.has(.mmStat) ? try d.mmStat() : nil, bdStat: try d.bdStat())
    }
}
