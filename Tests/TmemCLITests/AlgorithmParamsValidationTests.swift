import Foundation
import Testing
import TmemTestSupport

/// Issue 10 item 14: `--algorithm-params` is checked as the kernel reads it (algorithm_params_store splits on any
/// white space with next_arg; a priority outside [0, ZRAM_MAX_COMPS) is EINVAL, and ZRAM_MAX_COMPS is 1 without
/// CONFIG_ZRAM_MULTI_COMP, i.e. without recomp_algorithm), and a refusal comes before hot_add: exit 64, no device
/// created and removed again.
@Suite struct AlgorithmParamsValidationTests {
    /// zram0 exists (the kernel's facts come from it); hot_add answers 1.
    func host(recompression: Bool) throws -> FakeRoot {
        let f = try FakeHost.make(devices: [0], hotAdd: 1, extraAttributes: recompression ? ["recomp_algorithm"] : [])
        try FakeHost.device(f, 1, extraAttributes: recompression ? ["recomp_algorithm"] : [])
        return f
    }

    func add(_ f: FakeRoot, params: String) throws -> TmemctlRunner.Result {
        try TmemctlRunner.run(["zram", "add", "--size", "64M", "--algorithm-params", params, "--root", f.directory.path])
    }

    @Test(arguments: ["level=3\tpriority=0", "level=3\npriority=0", " level=3  \t priority=0\n"])
    func anyWhiteSpaceSeparatesParameters(_ params: String) throws {
        let f = try host(recompression: false)
        let r = try add(f, params: params)
        #expect(r.status == 0, "\(params.debugDescription): \(r.stderr)")
        #expect(r.stdout == "zram1\n")
        // One token per parameter, as the kernel would have split them.
        #expect(try f.contents("sys/block/zram1/algorithm_params") == "level=3 priority=0")
    }

    @Test(arguments: ["priority=1", "level=3 priority=2", "priority=3\tlevel=1"])
    func aSecondaryPriorityWithoutRecompressionIsRefusedBeforeHotAdd(_ params: String) throws {
        let f = try host(recompression: false)
        let before = try f.regularFileContents()
        let r = try add(f, params: params)
        #expect(r.status == 64, "\(params.debugDescription): \(r.stdout) \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("priority=") && r.stderr.contains("recompression"), "\(r.stderr)")
        let after = try f.regularFileContents()
        #expect(after == before, "a device was touched (hot_remove: \(after["sys/class/zram-control/hot_remove"] ?? "-"))")
    }

    @Test func priorityZeroIsAlwaysValidAndSecondariesWithRecompression() throws {
        let plain = try host(recompression: false)
        #expect(try add(plain, params: "priority=0 level=1").status == 0)
        let multi = try host(recompression: true)
        let r = try add(multi, params: "priority=1 level=9")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try multi.contents("sys/block/zram1/algorithm_params") == "priority=1 level=9")
    }

    /// With no device to read the kernel's facts from, the plan is checked only after hot_add; what needs no facts
    /// (the syntax) is refused before it.
    @Test(arguments: ["level", "level=x", "priority=9", "colour=3", "", " \t\n"])
    func malformedParametersAreRefusedBeforeHotAddEvenWithoutADevice(_ params: String) throws {
        let f = try FakeHost.make(devices: [], hotAdd: 0)
        let before = try f.regularFileContents()
        let r = try add(f, params: params)
        #expect(r.status == 64, "\(params.debugDescription): \(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("algorithm"), "\(r.stderr)")
        let after = try f.regularFileContents()
        #expect(after == before, "hot_add ran: hot_remove holds \(after["sys/class/zram-control/hot_remove"] ?? "-")")
    }
}
