import Testing
import TmemControl
import TmemHost
import TmemTestSupport

@Suite struct ZramProvisionerTests {
    @Test func addValidatesAgainstAnExistingDeviceBeforeHotAdd() throws {
        let fake = try FakeHost.make(devices: [0, 3], hotAdd: 3)
        let p = ZramProvisioner(root: fake.root)
        #expect(throws: InvalidRequest.self) { try p.add(ZramSetupRequest(disksize: 1 << 20, algorithm: "zstd")) }
        // hot_add was never read: the fake hot_add file still holds its content, and nothing was written to zram3.
        #expect(try fake.contents("sys/block/zram3/comp_algorithm") == "[lzo-rle] lzo lz4 \n")
        #expect(try fake.contents("sys/class/zram-control/hot_remove") == "")
    }

    @Test func addConfiguresTheNewDevice() throws {
        let fake = try FakeHost.make(devices: [0, 3], hotAdd: 3)
        let (dev, plan) = try ZramProvisioner(root: fake.root).add(ZramSetupRequest(disksize: 1 << 20, algorithm: "lz4", memLimit: 65536))
        #expect(dev.name == "zram3")
        #expect(plan.steps.count == 3)
        #expect(try fake.contents("sys/block/zram3/comp_algorithm") == "lz4")
        #expect(try fake.contents("sys/block/zram3/mem_limit") == "65536")
        #expect(try fake.contents("sys/block/zram3/disksize") == "1048576")
        #expect(try fake.contents("sys/block/zram0/comp_algorithm") == "[lzo-rle] lzo lz4 \n")
    }

    @Test func aDeviceThatFailsSetupIsRemovedAgain() throws {
        let fake = try FakeHost.make(devices: [0, 3], hotAdd: 3)
        try FakeHost.breakAttribute(fake, "sys/block/zram3/disksize")
        let e = #expect(throws: ZramSetupFailure.self) {
            try ZramProvisioner(root: fake.root).add(ZramSetupRequest(disksize: 1 << 20, algorithm: "lz4"))
        }
        #expect(e?.step == .disksize(1 << 20))
        #expect(try fake.contents("sys/class/zram-control/hot_remove") == "3")
    }

    /// SIGTERM arriving while step k runs (the writer "receives" it): no later step runs, the device is reset
    /// and removed as after a failed step, and the error is `Interrupted` with that signal.
    @Test(arguments: 0..<3)
    func aSignalDuringSetupRollsBackAndRemovesTheDevice(_ k: Int) throws {
        let fake = try FakeHost.make(devices: [0, 3], hotAdd: 3)
        final class SignalAtStep: ZramStepWriter {
            let k: Int
            var applied = 0, undone = 0, signal: Int32?
            init(_ k: Int) { self.k = k }
            func apply(_ step: ZramSetupStep, to device: ZramDevice) throws(HostError) {
                if applied == k { signal = 15 }
                applied += 1
            }
            func undo(_ device: ZramDevice) throws(HostError) { undone += 1 }
        }
        let w = SignalAtStep(k)
        let e = #expect(throws: Interrupted.self) {
            try ZramProvisioner(root: fake.root).add(ZramSetupRequest(disksize: 1 << 20, algorithm: "lz4", memLimit: 65536),
                                                     writer: w, pendingSignal: { w.signal })
        }
        #expect(e?.signal == 15)
        #expect(e?.exitCode == 143)
        #expect(e?.cleanupFailures == [])
        #expect(w.applied == k + 1)
        #expect(w.undone == 1)
        #expect(try fake.contents("sys/class/zram-control/hot_remove") == "3")
    }

    @Test func aSignalBeforeHotAddCreatesNothing() throws {
        let fake = try FakeHost.make(devices: [0, 3], hotAdd: 3)
        #expect(throws: Interrupted.self) {
            try ZramProvisioner(root: fake.root).add(ZramSetupRequest(disksize: 1 << 20), pendingSignal: { 2 })
        }
        #expect(try fake.contents("sys/block/zram3/disksize") == "0\n")
        #expect(try fake.contents("sys/class/zram-control/hot_remove") == "")
    }

    @Test func aDeviceThatCannotBeRemovedAfterAnInterruptionIsNamed() throws {
        let fake = try FakeHost.make(devices: [0, 3], hotAdd: 3)
        try FakeHost.breakAttribute(fake, "sys/class/zram-control/hot_remove")
        var calls = 0
        let e = #expect(throws: Interrupted.self) {
            try ZramProvisioner(root: fake.root).add(ZramSetupRequest(disksize: 1 << 20, algorithm: "lz4"),
                                                     pendingSignal: { calls += 1; return calls > 2 ? 2 : nil })
        }
        #expect(e?.cleanupFailures.count == 1)
        #expect(e?.cleanupFailures.first?.hasPrefix("remove zram3") == true)
        #expect(e?.description.contains("everything created was removed") == false)
    }

    @Test func withoutZramControlTheErrorSaysSo() throws {
        let fake = try FakeRoot()
        let e = #expect(throws: HostError.self) { try ZramProvisioner(root: fake.root).plan(ZramSetupRequest()) }
        // No /proc/modules either: a kernel that cannot load modules, so zram cannot be loaded.
        #expect(e?.hint?.contains("no loadable module support") == true, "\(String(describing: e))")
        // A modular kernel whose module tree lacks zram.
        try fake.file("proc/sys/kernel/osrelease", "6.1.0-13-amd64\n")
        try fake.file("proc/modules", "")
        try fake.directory("lib/modules/6.1.0-13-amd64")
        let m = #expect(throws: HostError.self) { try ZramProvisioner(root: fake.root).plan(ZramSetupRequest()) }
        #expect(m?.hint?.contains("zram is not available: not loaded and not found in") == true, "\(String(describing: m))")
    }
}
