import Testing
import ArgumentParser
@testable import TmemCLI
import TmemCore
import TmemSimulation

@Suite struct SimulateCommandTests {
    @Test func workloadsPoliciesAndAlgorithmsAreTheDocumentedNames() throws {
        let c = try SimulateCommand.parseAsRoot(["--workload", "pagecache-zipf", "--policy", "zcache-2010",
                                                 "--algorithm", "lzo-rle", "--memory", "8M", "--memlimit", "25%"])
        let s = try #require(c as? SimulateCommand)
        #expect(s.workload == .pagecacheZipf && s.policy == .zcache2010 && s.algorithm == .lzoRle)
        #expect(try s.memoryBytes() == 8 << 20)
        #expect(try s.memlimitBytes(memory: 8 << 20) == 2 << 20)    // 25% of 8 MiB
        #expect(try s.memlimitBytes(memory: 8 << 20) != nil)
    }

    @Test func memlimitNoneMeansUnlimited() throws {
        let s = try #require(try SimulateCommand.parseAsRoot(["--workload", "usemem", "--memlimit", "none"]) as? SimulateCommand)
        #expect(try s.memlimitBytes(memory: 1 << 26) == nil)
    }

    @Test(arguments: [
        (["--workload", "trace"], "--workload trace needs the trace FILE to replay."),
        (["--workload", "usemem", "x.trace"], "FILE applies to --workload trace only."),
        (["--workload", "usemem", "--memory", "50%"], "--memory is the simulated machine's RAM in bytes (e.g. 64M), not a percentage."),
        (["--workload", "usemem", "--memory", "100K"], "--memory must be between 1M and 16G."),
        (["--workload", "usemem", "--reads", "10"], "--reads applies to pagecache-zipf only."),
    ])
    func usageErrorsSayWhatToDo(args: [String], message: String) {
        do {
            _ = try SimulateCommand.parseAsRoot(args)
            Issue.record("accepted \(args)")
        } catch {
            #expect(SimulateCommand.message(for: error) == message)
            #expect(SimulateCommand.exitCode(for: error) == ExitCode(64))
        }
    }

    @Test func unknownPolicyIsRejected() {
        expectUsageError(SimulateCommand.self, ["--workload", "usemem", "--policy", "zcache"], saying: "'zcache'")
    }

    @Test func textOutputShowsTheHeadlineFigures() throws {
        var sim = TmemSimulator(workload: .usemem, memory: 2 << 20, memlimit: 1 << 18, algorithm: .lzo, policy: .ours,
                                corpus: BuiltinCorpus.generate(pages: 64, seed: 1))
        sim.samples = 5
        let text = SimulationText.render(try sim.run())
        #expect(text.contains("workload usemem  algorithm lzo  policy ours"))
        #expect(text.contains("memory 2.0 MiB  memlimit 0.2 MiB"))
        #expect(text.contains("memlimit held at every step: yes"))
        #expect(text.contains("\n  pool_pages_max "))
    }
}
