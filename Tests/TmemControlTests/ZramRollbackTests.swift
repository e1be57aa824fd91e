import Testing
import SystemPackage
import TmemControl
import TmemHost
import TmemTestSupport

/// Records steps and fails at one of them, to see that later steps never run and the device is undone.
final class FailingWriter: ZramStepWriter {
    let failAt: Int?
    var applied: [ZramSetupStep] = []
    var undone = 0
    init(failAt: Int?) { self.failAt = failAt }

    func apply(_ step: ZramSetupStep, to device: ZramDevice) throws(HostError) {
        if applied.count == failAt {
            throw HostError(subject: device.name, action: "cannot \(step)", path: step.target, errno: .invalidArgument)
        }
        applied.append(step)
    }

    func undo(_ device: ZramDevice) throws(HostError) { undone += 1 }
}

@Suite struct ZramRollbackTests {
    let facts = ZramKernelFacts(algorithms: ["lzo-rle", "lzo", "lz4"], hasAlgorithmParams: true,
                                hasRecompression: true, hasBackingDev: true, memTotal: 8 << 30)
    var full: ZramSetupRequest {
        ZramSetupRequest(disksize: 1 << 20, algorithm: "lz4", algorithmParams: "level=1",
                         recompression: [.init(algorithm: "lzo", priority: 1)], backingDevice: "/dev/sdb2",
                         memLimit: 1 << 20, swap: .init(priority: 7))
    }

    @Test(arguments: 0..<8)
    func aFailureAtAnyStepStopsAndUndoesOnce(_ k: Int) throws {
        let plan = try ZramSetupPlan(full, facts: facts)
        #expect(plan.steps.count == 8)
        let w = FailingWriter(failAt: k)
        let fake = try FakeRoot()
        let e = #expect(throws: ZramSetupFailure.self) { try plan.apply(to: ZramDevice(id: 4, root: fake.root), writer: w) }
        #expect(e?.step == plan.steps[k])
        #expect(e?.rollbackError == nil)
        #expect(w.applied == Array(plan.steps[..<k]))
        #expect(w.undone == 1)
    }

    @Test func noFailureNoUndo() throws {
        let plan = try ZramSetupPlan(full, facts: facts)
        let w = FailingWriter(failAt: nil)
        let fake = try FakeRoot()
        try plan.apply(to: ZramDevice(id: 4, root: fake.root), writer: w)
        #expect(w.applied == plan.steps && w.undone == 0)
    }

    /// The live writer on a fake root where one attribute cannot be written (a directory in its place).
    @Test(arguments: ["comp_algorithm", "algorithm_params", "mem_limit", "disksize"])
    func liveWriterRollsBackWithResetWhenAnAttributeWriteFails(_ attribute: String) throws {
        let fake = try FakeHost.make(devices: [1])
        try FakeHost.breakAttribute(fake, "sys/block/zram1/\(attribute)")
        let plan = try ZramSetupPlan(ZramSetupRequest(disksize: 1 << 20, algorithm: "lz4", algorithmParams: "level=1",
                                                      memLimit: 1 << 20), facts: facts)
        let e = #expect(throws: ZramSetupFailure.self) { try plan.apply(to: ZramDevice(id: 1, root: fake.root)) }
        #expect(e?.step.target == attribute)
        #expect(e?.cause.errno == .isDirectory)
        #expect(e?.description.contains("zram1 was rolled back") == true)
        #expect(try fake.contents("sys/block/zram1/reset") == "1")
        // Nothing after the failing step was written: disksize keeps its uninitialized 0 unless it already ran.
        if attribute != "disksize" { #expect(try fake.contents("sys/block/zram1/disksize") == "0\n") }
    }

    @Test func failedMkswapAndSwaponAreRolledBackToo() throws {
        let fake = try FakeHost.make(devices: [1])
        let plan = try ZramSetupPlan(ZramSetupRequest(disksize: 1 << 20, swap: .init(priority: 5)), facts: facts)
        // swapon: a fake root refuses it (it would add real swap), after mkswap wrote the header.
        let e = #expect(throws: ZramSetupFailure.self) { try plan.apply(to: ZramDevice(id: 1, root: fake.root)) }
        #expect(e?.step == .swapon(priority: 5))
        #expect(try fake.contents("sys/block/zram1/reset") == "1")
        // mkswap: no device node.
        let fake2 = try FakeHost.make(devices: [2])
        try FakeHost.breakAttribute(fake2, "dev/zram2")
        try fake2.file("sys/block/zram2/disksize", "1048576\n")
        let e2 = #expect(throws: ZramSetupFailure.self) { try plan.apply(to: ZramDevice(id: 2, root: fake2.root)) }
        #expect(e2?.step == .mkswap(label: ""))
        #expect(try fake2.contents("sys/block/zram2/reset") == "1")
    }

    @Test func aFailedRollbackIsReportedNotHidden() throws {
        let fake = try FakeHost.make(devices: [1])
        try FakeHost.breakAttribute(fake, "sys/block/zram1/disksize")
        try FakeHost.breakAttribute(fake, "sys/block/zram1/reset")
        let plan = try ZramSetupPlan(ZramSetupRequest(disksize: 1 << 20), facts: facts)
        let e = #expect(throws: ZramSetupFailure.self) { try plan.apply(to: ZramDevice(id: 1, root: fake.root)) }
        #expect(e?.rollbackError?.description.hasPrefix("zram1: cannot write \(fake.directory.path)/sys/block/zram1/reset: ") == true)
    }
}
