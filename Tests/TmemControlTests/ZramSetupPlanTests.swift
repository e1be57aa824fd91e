import Testing
import TmemControl
import TmemHost
import TmemTestSupport

@Suite struct ZramSetupPlanTests {
    let facts = ZramKernelFacts(algorithms: ["lzo-rle", "lzo", "lz4", "zstd"], hasAlgorithmParams: true,
                                hasRecompression: true, hasBackingDev: true, memTotal: 8 << 30)

    var everything: ZramSetupRequest {
        ZramSetupRequest(disksize: 1 << 30, algorithm: "lz4", algorithmParams: "level=3",
                         recompression: [.init(algorithm: "zstd", priority: 1)], backingDevice: "/dev/sdb2",
                         memLimit: 256 << 20, swap: .init(priority: 100, label: "zr"))
    }

    @Test func stepsFollowTheKernelsOrder() throws {
        // zram.rst: algorithm (and its parameters, secondaries, backing device) and limits before disksize,
        // which initializes the device; mkswap and swapon only on an initialized device.
        let plan = try ZramSetupPlan(everything, facts: facts)
        #expect(plan.steps.map(\.target) == ["comp_algorithm", "algorithm_params", "recomp_algorithm", "backing_dev",
                                             "mem_limit", "disksize", "mkswap", "swapon"])
        #expect(plan.steps[5] == .disksize(1 << 30))
        #expect(plan.steps[7] == .swapon(priority: 100))
    }

    @Test func onlyRequestedStepsArePlanned() throws {
        let plan = try ZramSetupPlan(ZramSetupRequest(disksize: 4096), facts: facts)
        #expect(plan.steps == [.disksize(4096)])
        #expect(try ZramSetupPlan(ZramSetupRequest(), facts: facts).steps.isEmpty)
    }

    static let bad: [(ZramSetupRequest, String)] = [
        (ZramSetupRequest(algorithm: "842"), "zram algorithm '842' is not built into this kernel; choose one of: lzo-rle lzo lz4 zstd"),
        (ZramSetupRequest(algorithmParams: "level"), "algorithm parameter 'level' is not key=value"),
        (ZramSetupRequest(algorithmParams: "speed=9"), "algorithm parameter 'speed=9' is not key=value"),
        (ZramSetupRequest(algorithmParams: "algo=842 level=1"), "algo=842 is not built into this kernel"),
        (ZramSetupRequest(algorithmParams: "priority=4"), "priority= must be 0...3"),
        (ZramSetupRequest(recompression: [.init(algorithm: "zstd", priority: 4)]), "recompression priorities are 1, 2 or 3"),
        (ZramSetupRequest(recompression: [.init(algorithm: "842", priority: 1)]), "recompression algorithm '842'"),
        (ZramSetupRequest(backingDevice: "sdb2"), "absolute block device path"),
        (ZramSetupRequest(disksize: 0), "at least one page"),
        (ZramSetupRequest(disksize: 4095), "at least one page"),
        (ZramSetupRequest(disksize: (8 << 30) * 16 + 1), "more than 16 times this machine's RAM"),
        (ZramSetupRequest(memLimit: (8 << 30) * 16 + 1), "mem_limit 137438953473 bytes is more than 16 times this machine's RAM"),
        (ZramSetupRequest(swap: .init()), "swap needs a size"),
        (ZramSetupRequest(disksize: 9 * 4096, swap: .init()), "at least 10 pages"),
        (ZramSetupRequest(disksize: 1 << 20, swap: .init(priority: -2)), "-1 (kernel's choice) or 0...32767"),
        (ZramSetupRequest(disksize: 1 << 20, swap: .init(priority: 32768)), "-1 (kernel's choice) or 0...32767"),
        (ZramSetupRequest(disksize: 1 << 20, swap: .init(priority: 1, label: String(repeating: "x", count: 17))), "at most 16 bytes"),
    ]

    @Test(arguments: 0..<bad.count)
    func invalidRequestsAreRefusedWithAnExplanation(_ i: Int) {
        let (request, message) = Self.bad[i]
        let e = #expect(throws: InvalidRequest.self) { try ZramSetupPlan(request, facts: facts) }
        #expect(e?.message.contains(message) == true, "\(e?.message ?? "no error")")
    }

    @Test func featuresThisKernelLacksAreRefused() {
        let plain = ZramKernelFacts(algorithms: ["lzo-rle", "lzo", "lz4"], hasAlgorithmParams: false,
                                    hasRecompression: false, hasBackingDev: false, memTotal: 8 << 30)
        for r in [ZramSetupRequest(algorithmParams: "level=1"), ZramSetupRequest(recompression: [.init(algorithm: "lz4", priority: 1)]),
                  ZramSetupRequest(backingDevice: "/dev/sdb2")] {
            #expect(throws: InvalidRequest.self) { try ZramSetupPlan(r, facts: plain) }
        }
    }
}
