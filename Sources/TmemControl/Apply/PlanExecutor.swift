import TmemCore
import TmemHost

/// Carries out one plan action on the host. The live runner writes sysfs/procfs, calls swapon/umount and runs
/// the system's mkswap, mkfs.TYPE and mount; tests inject one that fails at a chosen action, to check rollback.
public protocol PlanActionRunner {
    func run(_ action: PlanAction, root: SystemRoot) throws(HostError)
    /// hot_add: the device the kernel created.
    func hotAdd(root: SystemRoot) throws(HostError) -> ZramDevice
}

public struct LivePlanActionRunner: PlanActionRunner {
    public var retry: BusyRetry
    public init(retry: BusyRetry = .standard) { self.retry = retry }

    public func hotAdd(root: SystemRoot) throws(HostError) -> ZramDevice { try ZramControl(root: root).hotAdd() }

    public func run(_ action: PlanAction, root: SystemRoot) throws(HostError) {
        switch action {
        case .create:
            break  // PlanExecutor creates devices itself (hot_add's answer decides what happens next).
        case .remove(let name):
            try ZramControl(root: root).hotRemoveWaitingForUdev(ZramDevice(id: Int(name.dropFirst(4))!, root: root), retry)
        case .swapoff(let name):
            try SwapControl(root: root).swapOff(ZramDevice.nodeRelativePath(named: name))
        case .umount(let name, let point):
            try FilesystemMount(root: root).unmount(point, subject: name)
        case .reset(let name):
            try ZramDevice(id: Int(name.dropFirst(4))!, root: root).resetWaitingForUdev(retry)
        case .write(let name, let path, let value):
            try write(device: name, path: path, value: value, root: root)
        case .mkswap(let name):
            try program("mkswap", subject: name).run([ZramDevice.kernelNodeName(named: name)], root: root, subject: name)
        case .mkfs(let name, let fsType):
            try program("mkfs.\(fsType)", subject: name).run([ZramDevice.kernelNodeName(named: name)], root: root, subject: name)
        case .swapon(let name, let priority, let options):
            let discard = try SwapOptions.discard(in: options, subject: name)
            try SwapControl(root: root).swapOn(ZramDevice.nodeRelativePath(named: name), priority: priority, discard: discard)
        case .mount(let name, let point, let fsType, let options):
            try FilesystemMount(root: root).mount(ZramDevice.kernelNodeName(named: name), at: point, fsType: fsType, options: options, subject: name)
        case .bootFile:
            break  // Boot files are written by BootChange.apply (see PlanExecutor.applyBoot).
        case .backingFile(let name, let path, let size, _, let encrypt):
            try attachBackingFile(device: name, path: path, sizeBytes: size, encrypt: encrypt, root: root)
        }
    }

    /// File, loop device, dm-crypt, backing_dev, in that order, each undone when a later one fails. Our
    /// descriptor on the loop device is closed on return: zram (or dm-crypt) holds it from then on, and
    /// autoclear unbinds it when they let go.
    func attachBackingFile(device name: String, path: String, sizeBytes: UInt64, encrypt: Bool, root: SystemRoot) throws(HostError) {
        guard let device = ZramDevice(name: name, root: root) else {
            throw HostError(subject: name, action: "not a zram device name", path: "")
        }
        let file = try OpenBackingFile.open(path: path, sizeBytes: sizeBytes, root: root)
        do throws(HostError) {
            let loop = try LoopAttachment.attach(file, root: root)
            var node = loop.node
            let mapping = encrypt ? CryptBacking.mappingName(device: name) : nil
            if let mapping {
                try CryptBacking.waitGone(name: mapping, root: root, subject: name)
                node = try CryptBacking.open(over: loop.node, name: mapping, root: root, subject: name)
            }
            do throws(HostError) { try device.setBackingDevice(node) } catch {
                if let mapping { CryptBacking.close(name: mapping, root: root, subject: name) }
                throw error
            }
            if let mapping { try CryptBacking.closeDeferred(name: mapping, root: root, subject: name) }
            withExtendedLifetime(loop) {}
        } catch {
            file.removeIfCreated(root: root)
            throw error
        }
    }

    func program(_ name: String, subject: String) throws(HostError) -> SystemProgram {
        guard let p = SystemProgram(name) else {
            throw HostError(subject: subject, action: "cannot run \(name)", path: name, errno: .noSuchFileOrDirectory,
                            hint: "no \(name) in \(SystemProgram.searchDirectories.joined(separator: ", ")); install the package that has it")
        }
        return p
    }

    /// Through the typed writers, so the errors carry their hints.
    func write(device name: String?, path: String, value: String, root: SystemRoot) throws(HostError) {
        if let name, let device = ZramDevice(name: name, root: root) {
            switch path.split(separator: "/").last.map(String.init) ?? "" {
            case "comp_algorithm": try device.setAlgorithm(value)
            case "algorithm_params": try device.setAlgorithmParams(value)
            case "recomp_algorithm":
                try device.write(.recompAlgorithm, value)
            case "backing_dev": try device.setBackingDevice(value)
            case "disksize": try device.setDisksize(UInt64(value) ?? 0)
            case "mem_limit": try device.setMemLimit(UInt64(value) ?? 0)
            case let other: try device.write(other, value)
            }
            return
        }
        if let p = Zswap.parameter(atRelativePath: path) {
            return try Zswap(root: root).set(p, to: value)
        }
        if let s = VMSysctl.allCases.first(where: { $0.relativePath == path }), let n = Int(value) {
            return try s.write(n, root: root)
        }
        throw HostError(subject: "apply", action: "no writer for", path: root.absolute(path))
    }
}

/// fstab-style swap options as zram-generator passes them on (`discard`, `discard=once|pages`); the ones that
/// only mean something to systemd or fstab (`nofail`, `noauto`, `defaults`, `x-…`) are accepted and ignored.
public enum SwapOptions {
    public static func discard(in options: String, subject: String) throws(HostError) -> SwapDiscard {
        var policy = SwapDiscard.none
        for o in options.split(separator: ",").map({ $0.trimmingWhitespace() }) where !o.isEmpty {
            if let d = SwapDiscard(rawValue: o), d != .none { policy = d; continue }
            if ["nofail", "noauto", "auto", "defaults", "sw"].contains(o) || o.hasPrefix("x-") { continue }
            throw HostError(subject: subject, action: "cannot use swap option '\(o)'", path: ZramDevice.kernelNodeName(named: subject), errno: .invalidArgument,
                            hint: "swap options are discard, discard=once, discard=pages (nofail, noauto, defaults and x-* are ignored); the priority is swap-priority")
        }
        return policy
    }
}

/// Runs a plan: each device all-or-nothing (what it did is undone in reverse when a step fails; the other
/// devices still proceed), then zswap and sysctl writes (their old values saved first), then boot files.
public struct PlanExecutor {
    public let root: SystemRoot
    public var runner: any PlanActionRunner
    /// Progress and results, one line each (the command sends them to stderr, the units to the journal).
    public var log: (String) -> Void

    public init(root: SystemRoot, runner: any PlanActionRunner = LivePlanActionRunner(), log: @escaping (String) -> Void = { _ in }) {
        self.root = root
        self.runner = runner
        self.log = log
    }

    public func execute(_ plan: Plan, bootChange: BootChange? = nil) -> ApplyResult {
        var result = ApplyResult()
        let records = ApplyRecords(root: root)
        for d in plan.devices {
            switch d.status {
            case .skipped:
                result.devices.append(.init(name: d.name, outcome: "skipped", error: d.reasons.first))
                continue
            case .needsReset, .notOwned, .claimed, .invalid:
                let why = d.reasons.joined(separator: "; ")
                log("\(d.name): refused: \(why)")
                result.devices.append(.init(name: d.name, outcome: "refused", error: why))
                continue
            case .upToDate, .absent:
                result.devices.append(.init(name: d.name, outcome: "unchanged"))
                continue
            case .create, .configure, .change, .reset, .teardown:
                break
            }
            do {
                try runDevice(d)
                if d.status == .teardown {
                    try records.forget(d.name)
                } else {
                    try records.recordOwnership(.init(device: d.desired))
                }
                log("\(d.name): \(d.status == .teardown ? "torn down" : "applied") (\(d.actions.count) actions)")
                result.devices.append(.init(name: d.name, outcome: "applied"))
            } catch let failure as DeviceFailure {
                log("\(d.name): failed: \(failure.cause)" + (failure.rollbackError.map { "; rollback failed too: \($0)" } ?? "; rolled back"))
                result.devices.append(.init(name: d.name, outcome: "failed", error: "\(failure.cause)",
                                            rollbackError: failure.rollbackError.map { "\($0)" }))
            } catch {
                log("\(d.name): failed: \(error)")
                result.devices.append(.init(name: d.name, outcome: "failed", error: "\(error)"))
            }
        }
        runPolicies(plan, records: records, into: &result)
        if plan.mode == .teardown { records.removeDirectoriesIfEmpty() }
        if let bootChange, !plan.bootActions.isEmpty {
            do {
                try bootChange.apply(root: root)
                for a in plan.bootActions { log("boot: \(a.description)") }
            } catch {
                log("boot: failed: \(error)")
                result.policyErrors.append("boot: \(error)")
            }
        }
        return result
    }

    struct DeviceFailure: Error {
        var cause: HostError
        var rollbackError: HostError?
    }

    /// What undoes a completed action, when something can (a reset cannot be undone: after one, the way back
    /// is leaving the device uninitialized).
    enum Undo {
        case remove(String), swapoff(String), umount(String, String), reset(String), memLimit(String, String)
    }

    func runDevice(_ d: DevicePlan) throws {
        var undo: [Undo] = []
        let memLimitBefore = d.actions.contains { if case .write(_, let p, _) = $0 { p.hasSuffix("/mem_limit") } else { false } }
            ? (try? ZramDevice(name: d.name, root: root)?.memoryStats().memLimit).flatMap { $0 } : nil
        do {
            for action in d.actions {
                switch action {
                case .create(let name, temporary: false):
                    try create(name)
                    undo.append(.remove(name))
                case .create(_, temporary: true):
                    continue  // create(name) passes and removes the indexes below the target itself.
                case .remove where d.status != .teardown:
                    continue
                default:
                    try runner.run(action, root: root)
                    log("\(d.name): \(action.description)")
                    switch action {
                    case .swapon(let n, _, _): undo.append(.swapoff(n))
                    case .mount(let n, let point, _, _): undo.append(.umount(n, point))
                    case .write(let n?, let p, _) where p.hasSuffix("/disksize"): undo.append(.reset(n))
                    case .write(let n?, let p, _) where p.hasSuffix("/mem_limit") && d.status == .change:
                        undo.append(.memLimit(n, "\(memLimitBefore ?? 0)"))
                    case .write(let n?, _, _) where d.status != .change: undo.append(.reset(n))
                    case .backingFile(let n, _, _, _, _): undo.append(.reset(n))
                    case .reset(let n): undo = undo.filter { if case .remove = $0 { true } else { false } } + [.reset(n)]
                    default: break
                    }
                }
            }
        } catch {
            let cause = error
            var rollbackError: HostError?
            for u in undo.reversed() {
                do {
                    switch u {
                    case .remove(let n): try runner.run(.remove(device: n), root: root)
                    case .swapoff(let n): try runner.run(.swapoff(device: n), root: root)
                    case .umount(let n, let p): try runner.run(.umount(device: n, point: p), root: root)
                    case .reset(let n): try runner.run(.reset(device: n), root: root)
                    case .memLimit(let n, let v): try runner.run(.write(device: n, path: ZramDevice.attributePath(named: n, .memLimit), value: v), root: root)
                    }
                } catch {
                    rollbackError = rollbackError ?? error
                }
            }
            // A device that was reset and could not be set up again is no longer apply's configuration.
            if undo.contains(where: { if case .reset = $0 { true } else { false } }) && !undo.contains(where: { if case .remove = $0 { true } else { false } }) {
                try? ApplyRecords(root: root).forget(d.name)
            }
            throw DeviceFailure(cause: cause, rollbackError: rollbackError)
        }
    }

    /// hot_add until the kernel answers `name`; lower indexes it hands out on the way are removed again. A
    /// higher answer means the index was taken meanwhile: that device is removed and the setup fails.
    public func create(_ name: String) throws(HostError) {
        let target = Int(name.dropFirst(4))!
        var passed: [ZramDevice] = []
        defer {
            for p in passed.reversed() {
                do { try runner.run(.remove(device: p.name), root: root); log("\(name): removed \(p.name) (created on the way)") } catch {
                    log("\(name): could not remove \(p.name), created on the way: \(error)")
                }
            }
        }
        while true {
            let got = try runner.hotAdd(root: root)
            if got.id == target {
                log("\(name): created")
                return
            }
            if got.id > target {
                try? runner.run(.remove(device: got.name), root: root)
                throw HostError(subject: name, action: "cannot create \(name): hot_add answered \(got.name)",
                                path: root.absolute(ZramControl.hotAddPath), errno: .fileExists,
                                hint: "\(name) was created by someone else meanwhile")
            }
            passed.append(got)
            guard passed.count <= 1024 else {
                throw HostError(subject: name, action: "cannot reach \(name) with hot_add", path: root.absolute(ZramControl.hotAddPath))
            }
        }
    }

    func runPolicies(_ plan: Plan, records: ApplyRecords, into result: inout ApplyResult) {
        guard !plan.policyActions.isEmpty else {
            if plan.mode == .teardown && !plan.restoring.isEmpty { try? records.replaceSaved(.init()) }
            return
        }
        if plan.mode != .teardown {
            do { try records.saveIfFirst(plan.saveBeforeChange) } catch {
                // Without the saved values teardown could not restore them: change nothing.
                log("zswap/sysctl: not changed: \(error)")
                result.policyErrors.append("\(error)")
                return
            }
        }
        var failed = false
        for a in plan.policyActions {
            do {
                try runner.run(a, root: root)
                log(a.description)
            } catch {
                failed = true
                log("failed: \(error)")
                result.policyErrors.append("\(error)")
            }
        }
        if plan.mode == .teardown && !failed { try? records.replaceSaved(.init()) }
    }
}
