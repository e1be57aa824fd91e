import Foundation
import Testing
import TmemControl
import TmemHost
import TmemTestSupport

/// The plan against fake roots, with sizes worked out by hand (pages of 4096 bytes).
@Suite struct PlannerTests {
    static func swapDevice(_ name: String, _ size: UInt64, algorithm: String? = nil) -> DesiredState.Device {
        .init(name: name, disksize: size, compAlgorithm: algorithm, swap: .init(priority: 100, options: "discard"))
    }

    @Test func aRootWithOnlyConfigurationStillDecidesEveryDevice() throws {
        let f = try FakeRoot()
        _ = try f.file("proc/meminfo", "MemTotal:       \(FakeHost.memTotalKiB) kB\n")
        _ = try f.file("proc/cmdline", "root=/dev/vda1\n")
        let current = try CurrentState.read(root: f.root)
        #expect(current.kernel == nil)
        #expect(current.kernelUnknownReason?.contains("capabilities are unknown") == true)
        // 1e9 bytes is 244140.625 pages: the kernel holds 244141 pages = 1000001536 bytes.
        let desired = DesiredState(devices: [Self.swapDevice("zram0", 1_000_000_000, algorithm: "zstd"),
                                             .init(name: "zram1", disksize: 0, skipped: "host-memory-limit")])
        let plan = Planner.plan(desired, current: current, options: .init(mode: .plan))
        #expect(plan.errors.isEmpty)
        #expect(plan.devices.map(\.status) == [.create, .skipped])
        #expect(plan.devices[0].disksizeEffective == 1_000_001_536)
        #expect(plan.devices[0].actions.map(\.description) == [
            "create zram0", "write zstd to /sys/block/zram0/comp_algorithm", "write 1000000000 to /sys/block/zram0/disksize",
            "mkswap /dev/zram0", "swapon /dev/zram0 with priority 100 (discard)",
        ])
        let json = try JSONSerialization.jsonObject(with: Data(PlanReport(plan: plan, root: f.root).json().utf8)) as! [String: Any]
        #expect(json["schema_version"] as? Int == 1)
        #expect((json["kernel_unknown"] as? String)?.contains("unknown") == true)
        let d0 = (json["devices"] as! [[String: Any]])[0]
        #expect(d0["disksize"] as? Int == 1_000_000_000)
        #expect(d0["disksize_effective"] as? Int == 1_000_001_536)
        #expect(d0["mem_limit_effective"] as? Int == 0)
    }

    @Test func reachingZram3CreatesAndRemovesTheFreeIndexesBelowIt() throws {
        let f = try FakeHost.make(devices: [0])
        let current = try CurrentState.read(root: f.root)
        let plan = Planner.plan(DesiredState(devices: [Self.swapDevice("zram3", 1 << 30)]), current: current, options: .init(mode: .apply))
        #expect(Array(plan.devices[0].actions.prefix(5)) == [
            .create(device: "zram1", temporary: true), .create(device: "zram2", temporary: true),
            .create(device: "zram3", temporary: false), .remove(device: "zram1"), .remove(device: "zram2"),
        ])
        // zram1 named too: it is created first, so only zram2 is passed on the way to zram3.
        let both = Planner.plan(DesiredState(devices: [Self.swapDevice("zram3", 1 << 30), Self.swapDevice("zram1", 1 << 30)]),
                                current: current, options: .init(mode: .apply))
        #expect(both.devices.map(\.name) == ["zram1", "zram3"])
        #expect(both.devices[0].actions.first == .create(device: "zram1", temporary: false))
        #expect(Array(both.devices[1].actions.prefix(3)) == [.create(device: "zram2", temporary: true),
                                                            .create(device: "zram3", temporary: false), .remove(device: "zram2")])
    }

    @Test func anAlgorithmTheKernelLacksIsAnErrorInPlanAndTheDefaultInApply() throws {
        let f = try FakeHost.make(devices: [0, 1])
        let current = try CurrentState.read(root: f.root)
        #expect(current.kernel?.defaultAlgorithm == "lzo-rle")
        let desired = DesiredState(devices: [Self.swapDevice("zram1", 1 << 30, algorithm: "zstd")])
        let shown = Planner.plan(desired, current: current, options: .init(mode: .plan))
        #expect(shown.devices[0].status == .invalid)
        #expect(shown.errors == ["zram1: compression-algorithm 'zstd' is not built into this kernel (available: lzo-rle lzo lz4)"])
        let applied = Planner.plan(desired, current: current, options: .init(mode: .apply))
        #expect(applied.devices[0].status == .configure)
        #expect(applied.devices[0].desired.compAlgorithm == nil)
        #expect(applied.warnings.first?.contains("using the kernel's default (lzo-rle)") == true)
        #expect(!applied.devices[0].actions.contains { $0.path.hasSuffix("comp_algorithm") })
    }

    @Test func recompressionParamsGoToAlgorithmParamsWithTheirPriority() throws {
        let f = try FakeHost.make(devices: [0, 1], extraAttributes: ["recomp_algorithm", "recompress"])
        let current = try CurrentState.read(root: f.root)
        let d = DesiredState.Device(name: "zram1", disksize: 1 << 30, compAlgorithm: "lzo", algorithmParams: nil,
                                    recompression: [.init(algorithm: "lz4", params: "level=9", priority: 1)], swap: .init())
        let plan = Planner.plan(DesiredState(devices: [d]), current: current, options: .init(mode: .plan))
        let writes = plan.devices[0].actions.compactMap { a -> String? in
            if case .write(_, let p, let v) = a { return "\(p.split(separator: "/").last!)=\(v)" } else { return nil }
        }
        #expect(writes == ["comp_algorithm=lzo", "recomp_algorithm=algo=lz4 priority=1", "algorithm_params=priority=1 level=9",
                           "disksize=1073741824"])
    }

    /// zram1 initialized with lzo, 1 GiB, active swap at priority 100.
    static func initialized(_ f: FakeRoot, algorithm: String = "lzo") throws {
        let d = "sys/block/zram1/"
        _ = try f.file(d + "initstate", "1\n")
        _ = try f.file(d + "disksize", "1073741824\n")
        _ = try f.file(d + "comp_algorithm", algorithm == "lzo" ? "lzo-rle [lzo] lz4 \n" : "[lzo-rle] lzo lz4 \n")
        _ = try f.file("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/zram1                              partition\t1048572\t\t0\t\t100\n")
    }

    @Test func aDeviceOfSomeoneElseIsNeverTouched() throws {
        let f = try FakeHost.make(devices: [0, 1])
        try Self.initialized(f)
        let plan = Planner.plan(DesiredState(devices: [Self.swapDevice("zram1", 1 << 30, algorithm: "lzo")]),
                                current: try CurrentState.read(root: f.root), options: .init(mode: .apply, reconfigure: true))
        #expect(plan.devices[0].status == .notOwned)
        #expect(plan.devices[0].actions.isEmpty)
    }

    @Test func itsOwnDeviceMatchingIsUpToDateAndDifferentNeedsReset() throws {
        let f = try FakeHost.make(devices: [0, 1])
        try Self.initialized(f)
        let same = Self.swapDevice("zram1", 1 << 30, algorithm: "lzo")
        try ApplyRecords(root: f.root).recordOwnership(.init(device: same))
        let current = try CurrentState.read(root: f.root)
        #expect(current.owned[1]?.device == same)
        let again = Planner.plan(DesiredState(devices: [same]), current: current, options: .init(mode: .apply))
        #expect(again.devices[0].status == .upToDate)
        #expect(!again.hasChanges)

        let bigger = Self.swapDevice("zram1", 2 << 30, algorithm: "lz4")
        let refused = Planner.plan(DesiredState(devices: [bigger]), current: current, options: .init(mode: .apply))
        #expect(refused.devices[0].status == .needsReset)
        #expect(refused.devices[0].actions.isEmpty)
        #expect(refused.devices[0].reasons.contains("disksize is 1073741824, wanted 2147483648"))
        #expect(refused.devices[0].reasons.contains("comp_algorithm is lzo, wanted lz4"))
        let redo = Planner.plan(DesiredState(devices: [bigger]), current: current, options: .init(mode: .apply, reconfigure: true))
        #expect(redo.devices[0].status == .reset)
        #expect(Array(redo.devices[0].actions.prefix(3)) == [.swapoff(device: "zram1"), .reset(device: "zram1"),
                                                             .write(device: "zram1", path: "sys/block/zram1/comp_algorithm", value: "lz4")])

        // mem_limit changes in place: 300 MB requested, 300000000 / 4096 = 73242.1875 → 73243 pages = 300003328.
        var limited = same
        limited.memLimit = 300_000_000
        let live = Planner.plan(DesiredState(devices: [limited]), current: current, options: .init(mode: .apply))
        #expect(live.devices[0].status == .change)
        #expect(live.devices[0].memLimitEffective == 300_003_328)
        #expect(live.devices[0].actions == [.write(device: "zram1", path: "sys/block/zram1/mem_limit", value: "300000000")])
    }

    @Test func zswapIsDisabledInFrontOfZramSwapWhenAskedAndTheOldValuesAreSaved() throws {
        let f = try FakeHost.make(devices: [0])
        _ = try f.file("sys/module/zswap/parameters/enabled", "Y\n")
        _ = try f.file("proc/sys/vm/swappiness", "60\n")
        _ = try f.file("proc/sys/vm/page-cluster", "3\n")
        let desired = DesiredState(devices: [Self.swapDevice("zram1", 1 << 30)],
                                   zswap: .init(compressor: "lzo", maxPoolPercent: 25, withZramSwap: .disableZswap),
                                   sysctl: .init(swappiness: 180, pageCluster: 3))
        let plan = Planner.plan(desired, current: try CurrentState.read(root: f.root), options: .init(mode: .apply))
        #expect(plan.policyActions == [
            .write(device: nil, path: "sys/module/zswap/parameters/max_pool_percent", value: "25"),
            .write(device: nil, path: "sys/module/zswap/parameters/enabled", value: "N"),
            .write(device: nil, path: "proc/sys/vm/swappiness", value: "180"),
        ])
        #expect(plan.saveBeforeChange == .init(zswap: ["enabled": "Y", "max_pool_percent": "20"], sysctl: ["vm.swappiness": 60]))
        // --device leaves the host-wide policies alone.
        let one = Planner.plan(desired, current: try CurrentState.read(root: f.root), options: .init(mode: .apply, device: "zram1"))
        #expect(one.policyActions.isEmpty)
    }
}

@Suite struct PlannerClaimTests {
    @Test func aClaimedDeviceIsNeverTouched() throws {
        let f = try FakeHost.make(devices: [0, 1])
        // A live claimer: this test process itself, as proc/PID in the fake tree.
        let pid = getpid()
        try f.directory("proc/\(pid)")
        _ = try f.file("run/tmemctl/claims/zram1", "pid=\(pid)\npurpose=verify\ndevice=zram1\n", mode: 0o600)
        let current = try CurrentState.read(root: f.root)
        #expect(current.devices[1]?.heldBy == "pid \(pid) (verify)")
        let plan = Planner.plan(DesiredState(devices: [PlannerTests.swapDevice("zram1", 1 << 30)]), current: current,
                                options: .init(mode: .apply, reconfigure: true))
        #expect(plan.devices[0].status == .claimed)
        #expect(plan.devices[0].actions.isEmpty)
    }
}
