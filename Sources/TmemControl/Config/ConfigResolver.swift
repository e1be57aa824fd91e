import TmemCore
import TmemHost

/// Turns the merged configuration into the `DesiredState` for one host, deciding every device exactly as
/// zram-generator does: `ram` is MemTotal in whole MB, a device whose host-memory-limit is below it or whose
/// size is 0 is skipped, `systemd.zram=0` skips all and `systemd.zram` adds a default zram0, sizes are
/// MB × 1048576 cut to whole bytes.
public struct ConfigResolver {
    /// MemTotal in kB as /proc/meminfo says it.
    public var memTotalKB: UInt64
    /// `KernelZramSwitch.parse` of /proc/cmdline; nil when it says nothing.
    public var kernelSwitch: Bool?

    public init(memTotalKB: UInt64, kernelSwitch: Bool?) {
        self.memTotalKB = memTotalKB
        self.kernelSwitch = kernelSwitch
    }

    /// Reads MemTotal and /proc/cmdline under the root.
    public init(root: SystemRoot) throws(HostError) {
        let info = try MemInfo.read(root: root)
        guard let total = info.memTotal else {
            throw HostError(subject: "meminfo", action: "no MemTotal line", path: MemInfo.path(root: root))
        }
        self.memTotalKB = total / 1024
        self.kernelSwitch = RunningCommandLine.read(root: root).flatMap(KernelZramSwitch.parse)
    }

    /// zram-generator: `(kB as f64 / 1024.) as u64`.
    public var ramMB: UInt64 { UInt64(Double(memTotalKB) / 1024) }

    public struct Resolution: Sendable {
        public var state: DesiredState
        /// The configuration's own findings and those of resolving it (a size that is negative or NaN, two
        /// devices on one mount point). Any error makes the whole configuration unusable, as it makes
        /// zram-generator fail, except under `systemd.zram=0`, where zram-generator reads nothing and the
        /// configuration's errors are reported as warnings.
        public var diagnostics: [ConfigDiagnostic]
        public var errors: [ConfigDiagnostic] { diagnostics.filter { $0.severity == .error } }
    }

    public func resolve(_ config: TmemConfig) -> Resolution {
        var diagnostics: [ConfigDiagnostic] = []
        var devices = config.devices
        let cmdline = ConfigOrigin(file: RunningCommandLine.kernelPath, line: 0)
        if kernelSwitch == true, devices[0] == nil {
            devices[0] = ZramDeviceConfig(index: 0, origin: cmdline)
        }
        if kernelSwitch == false {
            diagnostics += config.diagnostics.map { d in
                var w = d
                if w.severity == .error {
                    w.severity = .warning
                    w.message += " (not fatal now: systemd.zram=0 on the kernel command line turns every device off)"
                }
                return w
            }
        } else {
            diagnostics += config.diagnostics
        }
        var out: [DesiredState.Device] = []
        for index in devices.keys.sorted() {
            let dev = devices[index]!
            if kernelSwitch == false {
                out.append(skeleton(dev, skipped: "systemd.zram=0 on the kernel command line"))
                continue
            }
            out.append(resolve(dev, diagnostics: &diagnostics))
        }
        // Two mount units for one directory: zram-generator fails writing the second.
        var mountedBy: [String: String] = [:]
        for d in out where d.skipped == nil {
            guard let point = d.mount?.point else { continue }
            if let other = mountedBy[point] {
                let origin = devices[d.index ?? 0]?.mountPoint?.origin ?? cmdline
                diagnostics.append(ConfigDiagnostic(.error, origin, key: "mount-point",
                    "\(point) is also the mount point of \(other): give each device its own"))
            } else {
                mountedBy[point] = d.name
            }
        }
        var state = DesiredState(devices: out)
        state.zswap = config.zswap.map(Self.zswap)
        state.sysctl = config.sysctl.map { DesiredState.Sysctl(swappiness: $0.swappiness?.value, pageCluster: $0.pageCluster?.value) }
        state.boot = config.boot.map { b in
            DesiredState.Boot(parameters: Dictionary(uniqueKeysWithValues: b.parameters.map { ($0.key.rawValue, $0.value.value) }),
                              target: b.target?.value ?? .auto)
        }
        return Resolution(state: state, diagnostics: diagnostics)
    }

    static func zswap(_ z: ZswapConfig) -> DesiredState.Zswap {
        DesiredState.Zswap(enabled: z.enabled?.value, compressor: z.compressor?.value, maxPoolPercent: z.maxPoolPercent?.value,
                           acceptThresholdPercent: z.acceptThresholdPercent?.value, shrinkerEnabled: z.shrinkerEnabled?.value,
                           withZramSwap: z.withZramSwap?.value ?? .warn)
    }

    /// The device's settings without sizes (for skipped devices and as the start of a resolved one).
    func skeleton(_ dev: ZramDeviceConfig, skipped: String?) -> DesiredState.Device {
        var d = DesiredState.Device(name: dev.name, disksize: 0, skipped: skipped)
        if let c = dev.compression?.value {
            if let first = c.algorithms.first {
                d.compAlgorithm = first.name
                d.algorithmParams = first.params.isEmpty ? nil : first.params
            }
            d.recompression = c.algorithms.dropFirst().enumerated().map {
                DesiredState.Recompression(algorithm: $1.name, params: $1.params.isEmpty ? nil : $1.params, priority: $0 + 1)
            }
        }
        d.backingDev = dev.writebackDevice?.value.blockPath
        if case .file(let path, let size)? = dev.writebackDevice?.value {
            d.backingFile = DesiredState.BackingFile(path: path, sizeBytes: size, encrypt: dev.writebackEncrypt?.value ?? false)
        }
        if dev.writebackDevice != nil { d.writebackBudget = dev.writebackBudget?.value }
        let options = dev.options?.value ?? ZramDeviceConfig.defaultOptions
        if dev.isSwap {
            d.swap = DesiredState.Swap(priority: dev.swapPriority?.value ?? ZramDeviceConfig.defaultSwapPriority, options: options)
        } else if let point = dev.mountPoint?.value {
            d.mount = DesiredState.Mount(point: point, fsType: dev.effectiveFsType, options: options)
        }
        return d
    }

    func resolve(_ dev: ZramDeviceConfig, diagnostics: inout [ConfigDiagnostic]) -> DesiredState.Device {
        let ram = ramMB
        if let limit = dev.hostMemoryLimit, let mb = limit.value, mb < ram {
            return skeleton(dev, skipped: "host-memory-limit \(mb) MB is below this host's MemTotal of \(ram) MB (\(limit.origin))")
        }
        if !dev.isSwap && dev.mountPoint == nil {
            diagnostics.append(ConfigDiagnostic(.error, dev.fsType!.origin, key: "fs-type",
                "fs-type = \(dev.effectiveFsType) without mount-point: the device would be formatted and never used; add mount-point or remove fs-type"))
        }
        if dev.mountPoint != nil, dev.fsType?.value == "swap" {
            diagnostics.append(ConfigDiagnostic(.error, dev.fsType!.origin, key: "fs-type",
                "fs-type = swap with mount-point \(dev.mountPoint!.value): swap is not mounted; remove one of them"))
        }
        if let e = dev.writebackEncrypt, e.value {
            if dev.writebackDevice == nil {
                diagnostics.append(ConfigDiagnostic(.error, e.origin, key: "writeback-encrypt",
                    "writeback-encrypt = \(e.text) without writeback-device: there is nothing to encrypt"))
            } else if case .block? = dev.writebackDevice?.value {
                diagnostics.append(ConfigDiagnostic(.error, e.origin, key: "writeback-encrypt",
                    "writeback-encrypt = \(e.text) with a block device: tmemctl encrypts only file: backing devices, which it makes itself; use writeback-device = file:PATH SIZE"))
            }
        }
        var d = skeleton(dev, skipped: nil)
        let disksize: UInt64
        if dev.zramFraction != nil || dev.maxZramSize != nil {
            // The obsolete pair: (fraction × ram) cut to whole MB, capped, × 2^20 with Rust's release-build
            // wrapping multiplication.
            let fraction = dev.zramFraction?.value ?? 0.5
            let maxMB = (dev.maxZramSize?.value ?? nil) ?? UInt64.max
            let mb = min(Self.saturatingU64(fraction * Double(ram)), maxMB)
            disksize = mb &* 1048576
        } else if let size = dev.zramSize {
            guard let mb = evaluate(size, label: "zram-size", variables: ["ram": Double(ram)], diagnostics: &diagnostics) else {
                return d
            }
            disksize = SizeFormula.bytes(megabytes: mb)
        } else {
            disksize = SizeFormula.bytes(megabytes: min(Double(ram) / 2, 4096))
        }
        d.disksize = disksize
        if let limit = dev.residentLimit {
            if limit.value.names.contains("ratio") {
                if let from = dev.ratioFrom {
                    d.residentLimit = DesiredState.ResidentLimitExpression(expression: limit.value.text, ratioFrom: from.value,
                                                                          origin: limit.origin.description)
                } else {
                    diagnostics.append(ConfigDiagnostic(.error, limit.origin, key: "zram-resident-limit",
                        "uses ratio but [\(dev.name)] has no ratio-from = CORPUS (a file from tmemctl corpus capture)"))
                }
            } else if let mb = evaluate(limit, label: "zram-resident-limit",
                                        variables: ["ram": Double(ram), "disksize": Double(disksize) / 1048576], diagnostics: &diagnostics) {
                d.memLimit = SizeFormula.bytes(megabytes: mb)
            }
        }
        if disksize == 0 { d.skipped = "zram-size is 0 (\(dev.zramSize?.origin.description ?? "zram-fraction/max-zram-size"))" }
        return d
    }

    /// Rust's `f as u64`: truncation toward zero, NaN and negatives to 0, saturating at the top.
    static func saturatingU64(_ f: Double) -> UInt64 {
        if f.isNaN || f <= 0 { return 0 }
        if f >= 18446744073709551616.0 { return .max }
        return UInt64(f)
    }

    private func evaluate(_ s: Sourced<SizeFormula>, label: String, variables: [String: Double],
                          diagnostics: inout [ConfigDiagnostic]) -> Double? {
        do {
            let mb = try s.value.evaluate(variables: variables)
            // zram-generator's test is `f >= 0`, which NaN fails too.
            guard mb >= 0 else {
                diagnostics.append(ConfigDiagnostic(.error, s.origin, key: label,
                    "'\(s.text)' is \(mb.isNaN ? "NaN" : "\(mb)") with ram = \(ramMB): a size must be 0 or more"))
                return nil
            }
            return mb
        } catch {
            diagnostics.append(ConfigDiagnostic(.error, s.origin, key: label, "'\(s.text)': \(error)"))
            return nil
        }
    }
}

/// What plan and apply call for a resident limit that uses `ratio` (the size language with extra names).
public struct ConfigSizeEvaluator: SizeExpressionEvaluating {
    public init() {}

    public func bytes(of expression: String, variables: [String: Double]) throws(InvalidRequest) -> UInt64 {
        let f: SizeFormula
        do { f = try SizeFormula(parsing: expression) } catch { throw InvalidRequest("'\(expression)': \(error)") }
        let mb: Double
        do { mb = try f.evaluate(variables: variables) } catch { throw InvalidRequest("'\(expression)': \(error)") }
        guard mb >= 0 else { throw InvalidRequest("'\(expression)' is \(mb.isNaN ? "NaN" : "\(mb)"): a size must be 0 or more") }
        return SizeFormula.bytes(megabytes: mb)
    }
}
