import Testing
@testable import TmemControl
import TmemHost

/// What `bench startup` times and how it summarizes. Real programs with known run times (sleep) stand in for
/// tmemctl and zramctl; no speed of tmemctl is asserted here.
@Suite struct StartupBenchTests {
    static let sleep = SystemProgram("sleep")!.path
    static let trueProgram = SystemProgram("true")!.path
    static let falseProgram = SystemProgram("false")!.path

    @Test func quantilesInterpolateBetweenNeighbours() {
        #expect(StartupBench.quantile([5, 1, 3, 2, 4], 0.25) == 2)
        #expect(StartupBench.quantile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(StartupBench.quantile([1, 2, 3, 4], 0.75) == 3.25)
        #expect(StartupBench.quantile([7], 0.25) == 7)
    }

    @Test func aRunIsTimedFromSpawnToExit() throws {
        let t = try TimedRun.run(Self.sleep, ["0.05"])
        #expect(t.exitStatus == 0)
        #expect(t.wall >= 0.05 && t.wall < 5)
        #expect(try TimedRun.run(Self.falseProgram, []).exitStatus == 1)
    }

    /// The ratio is tmemctl's time over the baseline's: a program that exits at once against one that sleeps
    /// 50 ms is far below 1, and the baseline's median is at least the 50 ms.
    @Test func theRatioIsOursOverTheBaseline() throws {
        let r = try StartupBench.run(tmemctl: [Self.trueProgram], baseline: [Self.sleep, "0.05"], pairs: 3)
        #expect(r.pairs == 3 && r.ratio < 0.5 && r.targetMet)
        #expect(r.baseline.medianMs >= 50 && r.baseline.spreadMs.min >= 50)
        #expect(r.tmemctl.command == [Self.trueProgram] && r.baseline.command == [Self.sleep, "0.05"])
        #expect(r.ratioSpread.min <= r.ratio && r.ratio <= r.ratioSpread.max)
    }

    @Test func aFailingRunEndsTheBench() {
        #expect {
            try StartupBench.run(tmemctl: [Self.falseProgram], baseline: [Self.trueProgram], pairs: 1)
        } throws: { "\($0)".contains("exited with status 1") }
    }
}
