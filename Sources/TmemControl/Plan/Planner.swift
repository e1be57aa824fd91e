import TmemCore
import TmemHost

/// How the plan is meant: shown (`plan`, where an algorithm the kernel lacks is an error), applied (where it
/// falls back to the kernel's default, as zram-generator does, so a boot keeps its swap), or torn down.
public struct PlanOptions: Equatable, Sendable {
    public enum Mode: Equatable, Sendable { case plan, apply, teardown }
    public var mode: Mode
    /// `--device zramN`: only that device; zswap, sysctl and boot are left alone.
    public var device: String?
    /// `--reconfigure`: a device in use whose settings need a reset is swapped off/unmounted and set up again.
    public var reconfigure: Bool
    /// false (`--no-activate`, what tmemctl-setup@.service runs): the device is sized and formatted, but swapon
    /// and mount are left to the generated dev-zramN.swap / .mount units, which systemd starts after it.
    public var activate: Bool
    /// `--no-devices` (tmemctl-zswap.service): only zswap and sysctl; no device and no boot file.
    public var policiesOnly: Bool

    public init(mode: Mode = .plan, device: String? = nil, reconfigure: Bool = false, activate: Bool = true,
                policiesOnly: Bool = false) {
        self.mode = mode
        self.device = device
        self.reconfigure = reconfigure
        self.activate = activate
        self.policiesOnly = policiesOnly
    }
}

/// Evaluates a resident limit that uses `ratio` for a device whose primary algorithm is `algorithm` (nil: the
/// kernel's default): bytes as requested, or why it cannot be evaluated.
public typealias ResidentLimitResolver = @Sendable (DesiredState.Device, _ algorithm: String?) throws(InvalidRequest) -> UInt64

/// The desired state compared with the current one: ordered actions per device, then zswap, sysctl and boot.
public struct Plan: Sendable {
    public var devices: [DevicePlan]
    public var zswap: DesiredState.Zswap?
    public var sysctl: DesiredState.Sysctl?
    public var boot: DesiredState.Boot?
    /// zswap parameter writes, then sysctl writes (or, on teardown, the saved values written back).
    public var policyActions: [PlanAction]
    /// Boot-file rewrites (full interactive apply only).
    public var bootActions: [PlanAction]
    /// zswap parameters and sysctls as they are now, to save before the first change.
    public var saveBeforeChange: ApplyRecords.Saved
    /// What teardown restores and then forgets.
    public var restoring: ApplyRecords.Saved
    public var warnings: [String]
    /// Problems that make `plan` exit 1 (a device the kernel cannot set up as asked).
    public var errors: [String]
    /// nil when the kernel's capabilities were read.
    public var kernelUnknown: String?
    public var kernel: KernelCapabilities?
    public var mode: PlanOptions.Mode

    /// Every action in the order apply runs them.
    public var actions: [PlanAction] { devices.flatMap(\.actions) + policyActions + bootActions }
    public var hasChanges: Bool { !actions.isEmpty }
    public var refused: [DevicePlan] { devices.filter(\.isRefused) }
}

public enum Planner {
    /// Builds the plan; changes nothing. `bootChange` computes the boot-file edits (the existing boot code);
    /// it is asked only for a full apply or plan without `--device`.
    public static func plan(_ desired: DesiredState, current: CurrentState, options: PlanOptions,
                            residentLimit: ResidentLimitResolver? = nil,
                            bootChange: ((DesiredState.Boot) throws -> [PlanAction])? = nil) -> Plan {
        var plan = Plan(devices: [], zswap: nil, sysctl: nil, boot: nil, policyActions: [], bootActions: [],
                        saveBeforeChange: .init(), restoring: .init(), warnings: [], errors: [],
                        kernelUnknown: current.kernelUnknownReason, kernel: current.kernel, mode: options.mode)
        let wanted = options.policiesOnly ? [] : desired.devices.filter { options.device == nil || $0.name == options.device }
        if let only = options.device, wanted.isEmpty {
            plan.errors.append("\(only): the configuration has no [\(only)] section")
        }
        // hot_add hands out the lowest free index: simulate it in index order so that each device's actions show
        // the devices created (and removed again) on the way.
        var present = Set(current.devices.keys)
        for d in wanted.sorted(by: { ($0.index ?? .max) < ($1.index ?? .max) }) {
            var p = options.mode == .teardown
                ? teardown(d, current: current)
                : device(d, current: current, options: options, residentLimit: residentLimit,
                         warnings: &plan.warnings, errors: &plan.errors)
            if p.status == .create, let target = d.index {
                var temporary: [String] = []
                var next = 0
                while true {
                    while present.contains(next) { next += 1 }
                    present.insert(next)
                    if next >= target { break }
                    temporary.append("zram\(next)")
                }
                let creates = temporary.map { PlanAction.create(device: $0, temporary: true) } + [.create(device: d.name, temporary: false)]
                let removes = temporary.map { PlanAction.remove(device: $0) }
                p.actions = creates + removes + p.actions
                for t in temporary { present.remove(Int(t.dropFirst(4))!) }
            }
            plan.devices.append(p)
        }
        guard options.device == nil else { return plan }
        plan.zswap = desired.zswap
        plan.sysctl = desired.sysctl
        plan.boot = desired.boot
        if options.mode == .teardown {
            restore(current: current, into: &plan)
            return plan
        }
        policies(desired, current: current, into: &plan)
        if let boot = desired.boot, let bootChange, !options.policiesOnly {
            do { plan.bootActions = try bootChange(boot) } catch {
                plan.errors.append("boot: \(error)")
            }
        }
        return plan
    }

    // MARK: devices

    static func device(_ wanted: DesiredState.Device, current: CurrentState, options: PlanOptions,
                       residentLimit: ResidentLimitResolver?, warnings: inout [String], errors: inout [String]) -> DevicePlan {
        var d = wanted
        var p = DevicePlan(desired: d, disksizeEffective: pageAligned(d.disksize), memLimitEffective: pageAligned(d.memLimit),
                           status: .configure, reasons: [], actions: [])
        if let why = d.skipped {
            p.status = .skipped
            p.reasons = [why]
            return p
        }
        guard let index = d.index else {
            p.status = .invalid
            p.reasons = ["'\(d.name)' is not a zram device name (zram followed by a number)"]
            errors.append("\(d.name): \(p.reasons[0])")
            return p
        }
        // What this kernel can do, where it is known.
        if let k = current.kernel {
            var problems: [String] = []
            var fallbacks: [String] = []
            if let a = d.compAlgorithm, !k.algorithms.contains(a) {
                let msg = "compression-algorithm '\(a)' is not built into this kernel (available: \(k.algorithms.joined(separator: " ")))"
                if options.mode == .plan { problems.append(msg) } else {
                    fallbacks.append(msg + "; using the kernel's default\(k.defaultAlgorithm.map { " (\($0))" } ?? "")")
                    d.compAlgorithm = nil
                    d.algorithmParams = nil
                }
            }
            if d.algorithmParams != nil, !k.hasAlgorithmParams {
                let msg = "this kernel has no algorithm_params (Linux 6.12+)"
                if options.mode == .plan { problems.append(msg) } else {
                    fallbacks.append(msg + "; the algorithm's parameters are left out")
                    d.algorithmParams = nil
                }
            }
            if !d.recompression.isEmpty {
                let missing = d.recompression.filter { !k.algorithms.contains($0.algorithm) }.map(\.algorithm)
                let msg: String? = !k.hasRecompression ? "this kernel has no recompression (CONFIG_ZRAM_MULTI_COMP)"
                    : missing.isEmpty ? nil
                    : "recompression algorithm \(missing.joined(separator: ", ")) is not built into this kernel (available: \(k.algorithms.joined(separator: " ")))"
                if let msg {
                    if options.mode == .plan { problems.append(msg) } else {
                        fallbacks.append(msg + "; recompression is left out")
                        d.recompression = []
                    }
                }
                if d.recompression.contains(where: { $0.params != nil }) && !k.hasAlgorithmParams {
                    let m = "this kernel has no algorithm_params for the recompression parameters (Linux 6.12+)"
                    if options.mode == .plan { problems.append(m) } else {
                        fallbacks.append(m + "; they are left out")
                        d.recompression = d.recompression.map { .init(algorithm: $0.algorithm, params: nil, priority: $0.priority) }
                    }
                }
            }
            if (d.backingDev != nil || d.backingFile != nil) && !k.hasBackingDev {
                problems.append("this kernel has no writeback (CONFIG_ZRAM_WRITEBACK) for writeback-device")
            }
            if let why = cryptsetupMissing(d, current) { problems.append(why) }
            if !problems.isEmpty {
                p.status = .invalid
                p.reasons = problems
                errors.append(contentsOf: problems.map { "\(d.name): \($0)" })
                return p
            }
            warnings.append(contentsOf: fallbacks.map { "\(d.name): \($0)" })
            p.reasons.append(contentsOf: fallbacks)
        }
        if d.residentLimit != nil {
            do throws(InvalidRequest) {
                guard let residentLimit else {
                    throw InvalidRequest("zram-resident-limit uses ratio, which needs a corpus and the model; nothing here evaluates it")
                }
                d.memLimit = try residentLimit(d, d.compAlgorithm ?? current.kernel?.defaultAlgorithm)
                p.memLimitEffective = pageAligned(d.memLimit)
            } catch {
                p.status = .invalid
                p.memLimitEffective = nil
                p.reasons.append("zram-resident-limit: \(error.message)")
                errors.append("\(d.name): zram-resident-limit: \(error.message)")
                p.desired = d
                return p
            }
        }
        p.desired = d
        let state = current.devices[index]
        if let holder = state?.heldBy {
            p.status = .claimed
            p.reasons.append("\(d.name) is claimed by \(holder); apply never touches a claimed device")
            return p
        }
        // A backing file is checked where the device is not already using it: it must be free to make or reuse,
        // and encryption needs cryptsetup.
        var backing = BackingSetup()
        if let bf = d.backingFile {
            backing.reuseFile = true
            if state?.backingChain?.file != bf.path {
                var problems: [String] = []
                let facts = current.backingFiles[bf.path]
                    ?? BackingFileFacts(entry: .absent, directoryFreeBytes: nil, directoryProblem: "its directory was not read")
                switch facts.decide(path: bf.path, sizeBytes: bf.sizeBytes, euid: current.euid) {
                case .success(let use): backing.reuseFile = use == .reuse
                case .failure(let why): problems.append("writeback-device: \(why.message)")
                }
                if current.kernel == nil, let why = cryptsetupMissing(d, current) { problems.append(why) }
                if !problems.isEmpty {
                    p.status = .invalid
                    p.reasons.append(contentsOf: problems)
                    errors.append(contentsOf: problems.map { "\(d.name): \($0)" })
                    return p
                }
            }
        }
        if let budget = d.writebackBudget, d.backingDev != nil || d.backingFile != nil {
            let left = current.writebackSpent[d.name]?.remaining(perDay: budget, epochSeconds: current.epochSeconds) ?? budget
            backing.writebackLimitUnits = WritebackBudget.limitUnits(forBytes: left)
        }
        guard let state else {
            p.status = .create
            p.actions = setup(d, memLimitNow: 0, activate: options.activate, backing: backing)
            return p
        }
        if !state.initialized {
            // Nobody's: set it up (its mem_limit may be left from before, so compare it too).
            p.status = .configure
            p.actions = setup(d, memLimitNow: state.memLimit, activate: options.activate, backing: backing)
            return p
        }
        guard let record = current.owned[index] else {
            p.status = .notOwned
            p.reasons.append("\(d.name) is initialized and was not set up by tmemctl apply: it is left alone (reset it by hand, e.g. tmemctl zram reset \(d.name), to hand it over)")
            return p
        }
        return owned(d, p, state: state, record: record.device, options: options, backing: backing)
    }

    /// `writeback-encrypt` without the program that does it (looked for under the root, run only on the live one).
    static func cryptsetupMissing(_ d: DesiredState.Device, _ current: CurrentState) -> String? {
        guard d.backingFile?.encrypt == true, current.cryptsetup == nil,
              d.index.flatMap({ current.devices[$0]?.backingChain?.file }) != d.backingFile?.path else { return nil }
        return "writeback-encrypt needs cryptsetup, and there is none in \(SystemProgram.searchDirectories.map { current.root.absolute(String($0.dropFirst())) }.joined(separator: ", ")): install cryptsetup-bin, or set writeback-encrypt = no"
    }

    /// What setting up a device's backing needs beyond its desired state: whether its backing file is reused,
    /// and the writeback_limit (4 KiB units) its budget leaves for today.
    struct BackingSetup {
        var reuseFile = false
        var writebackLimitUnits: UInt64?
    }

    /// An initialized device apply set up earlier: what differs, and whether a reset is needed.
    static func owned(_ d: DesiredState.Device, _ plan: DevicePlan, state: CurrentState.DeviceState,
                      record: DesiredState.Device, options: PlanOptions, backing: BackingSetup = .init()) -> DevicePlan {
        var p = plan
        var resetReasons: [String] = []
        if state.disksize != p.disksizeEffective {
            resetReasons.append("disksize is \(state.disksize), wanted \(p.disksizeEffective)")
        }
        let algorithmNow = record.compAlgorithm == nil ? nil : state.algorithm
        if let a = d.compAlgorithm, a != state.algorithm {
            resetReasons.append("comp_algorithm is \(state.algorithm ?? "unknown"), wanted \(a)")
        } else if d.compAlgorithm == nil && algorithmNow != nil {
            resetReasons.append("comp_algorithm is \(algorithmNow!), wanted the kernel's default")
        }
        if d.algorithmParams != record.algorithmParams {
            resetReasons.append("algorithm_params were '\(record.algorithmParams ?? "")', wanted '\(d.algorithmParams ?? "")'")
        }
        let recompNow = state.recompression.sorted { $0.key < $1.key }.map { "\($0.value)@\($0.key)" }
        let recompWanted = d.recompression.sorted { $0.priority < $1.priority }.map { "\($0.algorithm)@\($0.priority)" }
        if recompNow != recompWanted || d.recompression.map(\.params) != record.recompression.map(\.params) {
            resetReasons.append("recompression differs")
        }
        // A backing file is known by the file behind the loop device (and whether dm-crypt is between them).
        let backingNow = state.backingChain?.file.map { "\($0) through a loop device" + (state.backingChain?.mapping != nil ? " and dm-crypt" : "") }
            ?? state.backingDev ?? "none"
        let backingWanted = d.backingFile.map { "\($0.path) through a loop device" + ($0.encrypt ? " and dm-crypt" : "") } ?? d.backingDev ?? "none"
        if backingNow != backingWanted {
            resetReasons.append("backing_dev is \(backingNow), wanted \(backingWanted)")
        }
        if (d.swap == nil) != (record.swap == nil) || d.mount?.fsType != record.mount?.fsType {
            resetReasons.append("it holds \(record.swap != nil ? "swap" : record.mount?.fsType ?? "nothing"), wanted \(d.swap != nil ? "swap" : d.mount?.fsType ?? "nothing")")
        }
        if !resetReasons.isEmpty {
            p.reasons.append(contentsOf: resetReasons)
            if state.inUse && !options.reconfigure {
                p.status = .needsReset
                p.reasons.append("\(d.name) is in use (\(usage(state))): apply --reconfigure swaps it off or unmounts it, resets it and sets it up again")
                return p
            }
            p.status = .reset
            p.actions = release(state) + [.reset(device: d.name)] + setup(d, memLimitNow: 0, activate: options.activate, backing: backing)
            return p
        }
        // Same device: change what can change in place.
        var actions: [PlanAction] = []
        if let now = state.memLimit, now != p.memLimitEffective {
            actions.append(.write(device: d.name, path: ZramDevice.attributePath(named: d.name, .memLimit), value: "\(d.memLimit)"))
            p.reasons.append("mem_limit is \(now), wanted \(p.memLimitEffective ?? 0)")
        }
        var reuse: [PlanAction] = []
        var disruptive: [String] = []
        // Under --no-activate swapon and mount belong to systemd's units: whether they are active is not ours to fix.
        if let swap = d.swap, options.activate {
            if let area = state.swap {
                if area.priority != swap.priority || record.swap?.options != swap.options {
                    disruptive.append("swap priority is \(area.priority) with options '\(record.swap?.options ?? "")', wanted \(swap.priority) with '\(swap.options)'")
                    reuse += [.swapoff(device: d.name), .swapon(device: d.name, priority: swap.priority, options: swap.options)]
                }
            } else {
                p.reasons.append("swap is not active")
                reuse += [.mkswap(device: d.name), .swapon(device: d.name, priority: swap.priority, options: swap.options)]
            }
        }
        if let m = d.mount, options.activate {
            let here = state.mounts.first { $0.mountPoint == m.point }
            if here == nil || record.mount?.options != m.options {
                if !state.mounts.isEmpty {
                    disruptive.append("mounted on \(state.mounts.map(\.mountPoint).joined(separator: ", ")) with '\(record.mount?.options ?? "")', wanted \(m.point) with '\(m.options)'")
                    reuse += state.mounts.reversed().map { .umount(device: d.name, point: $0.mountPoint) }
                } else {
                    p.reasons.append("not mounted")
                }
                // The filesystem apply made is still on the device: mount it again, do not format.
                reuse.append(.mount(device: d.name, point: m.point, fsType: m.fsType, options: m.options))
            }
        }
        if !disruptive.isEmpty {
            p.reasons.append(contentsOf: disruptive)
            if !options.reconfigure {
                p.status = .needsReset
                p.reasons.append("\(d.name) is in use: apply --reconfigure swaps it off or unmounts it and sets it up again")
                p.actions = []
                return p
            }
        }
        actions += reuse
        p.actions = actions
        p.status = actions.isEmpty ? .upToDate : .change
        return p
    }

    /// A fresh or uninitialized device, in the kernel's order: backing_dev and the algorithms before disksize
    /// (they are refused with EBUSY once it is set; docs/kernel-notes.md#zram-setup-order), params after their
    /// algorithm (setting an algorithm resets its params), then mem_limit, then the swap or filesystem.
    static func setup(_ d: DesiredState.Device, memLimitNow: UInt64?, activate: Bool = true, backing: BackingSetup = .init()) -> [PlanAction] {
        func file(_ attribute: ZramAttribute) -> String { ZramDevice.attributePath(named: d.name, attribute) }
        var a: [PlanAction] = []
        if let b = d.backingDev { a.append(.write(device: d.name, path: file(.backingDev), value: b)) }
        if let f = d.backingFile {
            a.append(.backingFile(device: d.name, path: f.path, sizeBytes: f.sizeBytes, reuse: backing.reuseFile, encrypt: f.encrypt))
        }
        if let alg = d.compAlgorithm { a.append(.write(device: d.name, path: file(.compAlgorithm), value: alg)) }
        if let params = d.algorithmParams { a.append(.write(device: d.name, path: file(.algorithmParams), value: params)) }
        for r in d.recompression.sorted(by: { $0.priority < $1.priority }) {
            a.append(.write(device: d.name, path: file(.recompAlgorithm), value: "algo=\(r.algorithm) priority=\(r.priority)"))
            if let params = r.params {
                a.append(.write(device: d.name, path: file(.algorithmParams), value: "priority=\(r.priority) \(params)"))
            }
        }
        a.append(.write(device: d.name, path: file(.disksize), value: "\(d.disksize)"))
        if pageAligned(d.memLimit) != (memLimitNow ?? 0) || memLimitNow == nil {
            a.append(.write(device: d.name, path: file(.memLimit), value: "\(d.memLimit)"))
        }
        // The day's budget is the kernel's from the start, before the first policy round (which keeps it current).
        if let units = backing.writebackLimitUnits {
            a += [.write(device: d.name, path: file(.writebackLimitEnable), value: "1"),
                  .write(device: d.name, path: file(.writebackLimit), value: "\(units)")]
        }
        if let s = d.swap {
            a += [.mkswap(device: d.name)] + (activate ? [.swapon(device: d.name, priority: s.priority, options: s.options)] : [])
        } else if let m = d.mount {
            a += [.mkfs(device: d.name, fsType: m.fsType)]
                + (activate ? [.mount(device: d.name, point: m.point, fsType: m.fsType, options: m.options)] : [])
        }
        return a
    }

    static func release(_ state: CurrentState.DeviceState) -> [PlanAction] {
        (state.swap != nil ? [PlanAction.swapoff(device: state.name)] : [])
            + state.mounts.reversed().map { .umount(device: state.name, point: $0.mountPoint) }
    }

    static func usage(_ state: CurrentState.DeviceState) -> String {
        ((state.swap.map { ["swap with priority \($0.priority)"] } ?? []) + state.mounts.map { "mounted on \($0.mountPoint)" })
            .joined(separator: ", ")
    }

    static func teardown(_ d: DesiredState.Device, current: CurrentState) -> DevicePlan {
        var p = DevicePlan(desired: d, disksizeEffective: pageAligned(d.disksize), memLimitEffective: pageAligned(d.memLimit),
                           status: .teardown, reasons: [], actions: [])
        guard let index = d.index, let state = current.devices[index] else {
            p.status = .absent
            p.reasons = ["\(d.name) does not exist"]
            return p
        }
        if let holder = state.heldBy {
            p.status = .claimed
            p.reasons = ["\(d.name) is claimed by \(holder); teardown leaves it alone"]
            return p
        }
        guard current.owned[index] != nil else {
            p.status = .absent
            p.reasons = ["\(d.name) was not set up by tmemctl apply; teardown leaves it alone"]
            return p
        }
        p.actions = release(state) + [.reset(device: d.name), .remove(device: d.name)]
        return p
    }

    // MARK: zswap and sysctl

    static func policies(_ desired: DesiredState, current: CurrentState, into plan: inout Plan) {
        let zramSwap = desired.devices.contains { $0.skipped == nil && $0.swap != nil }
        if let z = desired.zswap {
            if let params = current.zswap {
                var wanted: [(ZswapParameter, String)] = []
                var enabled = z.enabled
                if z.withZramSwap == .disableZswap && zramSwap { enabled = false }
                if let e = enabled { wanted.append((.enabled, e ? "Y" : "N")) }
                if let c = z.compressor { wanted.append((.compressor, c)) }
                if let m = z.maxPoolPercent { wanted.append((.maxPoolPercent, "\(m)")) }
                if let a = z.acceptThresholdPercent { wanted.append((.acceptThresholdPercent, "\(a)")) }
                if let s = z.shrinkerEnabled { wanted.append((.shrinkerEnabled, s ? "Y" : "N")) }
                // The compressor first: enabling zswap with a compressor it cannot use fails.
                wanted.sort { ($0.0 == .enabled ? 1 : 0) < ($1.0 == .enabled ? 1 : 0) }
                for (param, value) in wanted {
                    guard let now = params[param] else {
                        plan.errors.append("zswap: this kernel has no parameter \(param.rawValue)")
                        continue
                    }
                    if param.normalize(now) != param.normalize(value) {
                        plan.policyActions.append(.write(device: nil, path: Zswap.parameterRelativePath(param.rawValue), value: value))
                        plan.saveBeforeChange.zswap[param.rawValue] = now
                    }
                }
                let finalEnabled = enabled ?? (params[.enabled] == "Y")
                if z.withZramSwap == .warn && zramSwap && finalEnabled {
                    plan.warnings.append("zswap is enabled in front of zram swap: pages zswap rejects or writes back are compressed a second time into zram (set with-zram-swap = disable-zswap, or keep to silence this)")
                }
            } else if current.kernel != nil || current.canCreate {
                plan.errors.append("zswap: this kernel has no zswap (\(Zswap.parametersKernelPath) is missing)")
            }
        }
        if let s = desired.sysctl {
            for (key, value) in [(VMSysctl.swappiness, s.swappiness), (.pageCluster, s.pageCluster)] {
                guard let value else { continue }
                guard let now = current.sysctl[key] else {
                    if current.kernel != nil { plan.errors.append("sysctl: \(current.root.absolute(key.relativePath)) is missing") }
                    continue
                }
                if now != value {
                    plan.policyActions.append(.write(device: nil, path: key.relativePath, value: "\(value)"))
                    plan.saveBeforeChange.sysctl[key.rawValue] = now
                }
            }
        }
    }

    /// Teardown puts back what apply saved before its first change.
    static func restore(current: CurrentState, into plan: inout Plan) {
        plan.restoring = current.saved
        for (name, value) in current.saved.zswap.sorted(by: { ($0.key == "enabled" ? 1 : 0, $0.key) < ($1.key == "enabled" ? 1 : 0, $1.key) }) {
            guard let p = ZswapParameter(rawValue: name), let now = current.zswap?[p], p.normalize(now) != p.normalize(value) else { continue }
            plan.policyActions.append(.write(device: nil, path: Zswap.parameterRelativePath(name), value: value))
        }
        for (name, value) in current.saved.sysctl.sorted(by: { $0.key < $1.key }) {
            guard let s = VMSysctl(rawValue: name), current.sysctl[s] != value else { continue }
            plan.policyActions.append(.write(device: nil, path: s.relativePath, value: "\(value)"))
        }
    }
}
