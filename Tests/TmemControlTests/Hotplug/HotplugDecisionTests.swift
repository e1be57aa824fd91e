import Foundation
import Testing
import TmemControl
import TmemHost
import TmemTestSupport

/// What udev/60-tmemctl-zram.rules asks (`tmemctl config wants`), decided against fixture trees: the expected
/// answers follow from each fixture's own text (which sections it has, MemTotal against host-memory-limit as
/// zram-generator.conf(5) defines it, who claims what).
@Suite struct HotplugDecisionTests {
    static let memTotalKiB = 4 * 1024 * 1024   // 4 GiB: 4096 MB for host-memory-limit

    static func host(_ config: String, cmdline: String = "root=/dev/vda\n") throws -> FakeRoot {
        let f = try FakeRoot()
        try f.file("proc/meminfo", "MemTotal:       \(memTotalKiB) kB\n")
        try f.file("proc/cmdline", cmdline)
        try f.file("etc/tmemctl/tmemctl.conf", config)
        return f
    }

    static func decide(_ f: FakeRoot, _ id: Int) -> HotplugDecision {
        HotplugDecision.decide(device: ZramDevice(id: id, root: f.root), root: f.root)
    }

    static func leftAlone(_ d: HotplugDecision, saying words: String) -> Bool {
        if case .leaveAlone(let why) = d { return why.contains(words) }
        return false
    }

    @Test func aNamedDeviceIsConfiguredAndAnUnnamedOneIsNot() throws {
        let f = try Self.host("[zram1]\nzram-size = 512\n")
        #expect(Self.decide(f, 1) == .configure)
        #expect(Self.leftAlone(Self.decide(f, 2), saying: "zram2 is not named in /etc/tmemctl/tmemctl.conf"))
        #expect(Self.leftAlone(Self.decide(f, 0), saying: "zram0 is not named"))
    }

    @Test func aDropInNamesADeviceToo() throws {
        let f = try Self.host("[zram1]\nzram-size = 512\n")
        try f.file("etc/tmemctl/tmemctl.conf.d/50-more.conf", "[zram3]\nzram-size = 256\n")
        #expect(Self.decide(f, 3) == .configure)
    }

    @Test func withoutAnyFileNothingIsConfigured() throws {
        let f = try FakeRoot()
        try f.file("proc/meminfo", "MemTotal:       \(Self.memTotalKiB) kB\n")
        try f.file("proc/cmdline", "root=/dev/vda\n")
        #expect(Self.leftAlone(Self.decide(f, 0), saying: "there is none"))
    }

    @Test func aDeviceSkippedOnThisHostIsLeftAlone() throws {
        // 4096 MB of RAM is above a host-memory-limit of 2048: zram-generator makes no such device.
        let f = try Self.host("[zram1]\nzram-size = 512\nhost-memory-limit = 2048\n")
        #expect(Self.leftAlone(Self.decide(f, 1), saying: "skipped on this host"))
        let g = try Self.host("[zram1]\nzram-size = 512\nhost-memory-limit = 8192\n")
        #expect(Self.decide(g, 1) == .configure)
    }

    @Test func systemdZramOffOnTheCommandLineLeavesEveryDeviceAlone() throws {
        let f = try Self.host("[zram1]\nzram-size = 512\n", cmdline: "root=/dev/vda systemd.zram=0\n")
        if case .configure = Self.decide(f, 1) { Issue.record("systemd.zram=0 still configures zram1") }
    }

    @Test func aClaimedOrAboutToBeClaimedDeviceIsLeftAlone() throws {
        let f = try Self.host("[zram1]\nzram-size = 512\n")
        // The claimer is alive when proc/PID exists under the root (no start tick recorded).
        try f.directory("proc/4242")
        try f.file("run/tmemctl/claims/zram1", "pid=4242\npurpose=verify\n", mode: 0o600)
        #expect(Self.leftAlone(Self.decide(f, 1), saying: "claimed by pid 4242 (verify)"))
        let g = try Self.host("[zram1]\nzram-size = 512\n")
        try g.directory("proc/4343")
        try g.file("run/tmemctl/claims/pid-4343.0", "pid=4343\npurpose=bench\n", mode: 0o600)
        #expect(Self.leftAlone(Self.decide(g, 1), saying: "about to create a device (pid 4343)"))
        // A claim whose process is gone does not hold the device.
        let h = try Self.host("[zram1]\nzram-size = 512\n")
        try h.file("run/tmemctl/claims/zram1", "pid=4444\npurpose=verify\n", mode: 0o600)
        #expect(Self.decide(h, 1) == .configure)
    }

    @Test func aConfigurationWithErrorsConfiguresNothing() throws {
        let f = try Self.host("set!x = echo 1\n[zram1]\nzram-size = 512\n")
        guard case .configurationError(let errors) = Self.decide(f, 1) else {
            Issue.record("a configuration with set! was used")
            return
        }
        #expect(errors.contains { $0.contains("set!") })
    }
}
