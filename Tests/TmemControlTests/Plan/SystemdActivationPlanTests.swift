import Testing
import TmemControl
import TmemHost
import TmemTestSupport

/// What the shipped units run: tmemctl-setup@.service `apply --device zramN --no-activate` (swapon and mount are
/// the generated units' job) and tmemctl-zswap.service `apply --no-devices`.
@Suite struct SystemdActivationPlanTests {
    static let swap = DesiredState.Device(name: "zram1", disksize: 1 << 30, swap: .init(priority: 100, options: "discard"))
    static let ext4 = DesiredState.Device(name: "zram2", disksize: 1 << 28, mount: .init(point: "/var/tmp/z", fsType: "ext4", options: "discard"))

    @Test func noActivateFormatsButNeitherSwapsOnNorMounts() throws {
        let f = try FakeHost.make(devices: [0, 1, 2])
        let current = try CurrentState.read(root: f.root)
        let plan = Planner.plan(DesiredState(devices: [Self.swap, Self.ext4]), current: current, options: .init(mode: .apply, activate: false))
        #expect(plan.devices.map(\.status) == [.configure, .configure])
        #expect(plan.devices[0].actions.map(\.description) == [
            "write 1073741824 to /sys/block/zram1/disksize", "mkswap /dev/zram1",
        ])
        #expect(plan.devices[1].actions.map(\.description) == [
            "write 268435456 to /sys/block/zram2/disksize", "mkfs.ext4 /dev/zram2",
        ])
        // The same plan with activation (what `apply --device` alone does) ends with swapon and mount.
        let full = Planner.plan(DesiredState(devices: [Self.swap, Self.ext4]), current: current, options: .init(mode: .apply))
        #expect(full.devices[0].actions.last?.description == "swapon /dev/zram1 with priority 100 (discard)")
        #expect(full.devices[1].actions.last.map { if case .mount = $0 { true } else { false } } == true)
    }

    @Test func anOwnedDeviceWhoseSwapIsOffIsUpToDateWithoutActivation() throws {
        let f = try FakeHost.make(devices: [0, 1])
        _ = try f.file("sys/block/zram1/initstate", "1\n")
        _ = try f.file("sys/block/zram1/disksize", "1073741824\n")
        try ApplyRecords(root: f.root).recordOwnership(.init(device: Self.swap))
        let current = try CurrentState.read(root: f.root)
        let quiet = Planner.plan(DesiredState(devices: [Self.swap]), current: current, options: .init(mode: .apply, activate: false))
        #expect(quiet.devices[0].status == .upToDate)
        #expect(quiet.devices[0].actions.isEmpty)
        let full = Planner.plan(DesiredState(devices: [Self.swap]), current: current, options: .init(mode: .apply))
        #expect(full.devices[0].actions.map(\.description) == ["mkswap /dev/zram1", "swapon /dev/zram1 with priority 100 (discard)"])
    }

    @Test func noDevicesPlansOnlyZswapAndSysctl() throws {
        let f = try FakeHost.make(devices: [0])
        _ = try f.file("proc/sys/vm/swappiness", "60\n")
        let desired = DesiredState(devices: [Self.swap], zswap: .init(maxPoolPercent: 25, withZramSwap: .keep),
                                   sysctl: .init(swappiness: 150), boot: .init(parameters: ["zswap.enabled": "1"]))
        var bootAsked = false
        let plan = Planner.plan(desired, current: try CurrentState.read(root: f.root), options: .init(mode: .apply, policiesOnly: true),
                                bootChange: { _ in bootAsked = true; return [] })
        #expect(plan.devices.isEmpty)
        #expect(!bootAsked)
        #expect(plan.policyActions == [
            .write(device: nil, path: "sys/module/zswap/parameters/max_pool_percent", value: "25"),
            .write(device: nil, path: "proc/sys/vm/swappiness", value: "150"),
        ])
    }
}
