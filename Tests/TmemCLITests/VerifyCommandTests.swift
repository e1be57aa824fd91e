import ArgumentParser
import Testing
@testable import TmemCLI

@Suite struct VerifyCommandTests {
    @Test func zswapNeedsTheSwapPath() {
        expectUsageError(VerifyCommand.self, ["--zswap"], saying: "--zswap applies to --path swap")
        #expect(throws: Never.self) { try VerifyCommand.parse(["--zswap", "--path", "swap"]) }
    }

    @Test func oneCorpusSourceAtATime() {
        expectUsageError(VerifyCommand.self, ["--corpus", "a.pages", "--builtin"], saying: "not both")
        expectUsageError(VerifyCommand.self, ["--corpus", "a.pages", "--pages", "4"], saying: "--pages and --seed apply to the built-in mix")
        expectUsageError(VerifyCommand.self, ["--path", "disk"], saying: "'disk'")
    }

    @Test func adviseTakesOneWorkload() {
        expectUsageError(AdviseCommand.self, ["--pid", "1", "--builtin"], saying: "give one workload")
        expectUsageError(AdviseCommand.self, ["--pool-percent", "0"], saying: "--pool-percent must be 1 to 100")
        #expect(throws: Never.self) { try AdviseCommand.parse(["--builtin", "--disksize", "50%"]) }
    }

    @Test func benchModelSizeIsBytes() {
        expectUsageError(BenchModelCommand.self, ["--size", "50%"], saying: "--size takes bytes")
        expectUsageError(BenchModelCommand.self, ["--size", "1000"], saying: "--size must be a positive multiple of 4096 bytes")
        #expect(throws: Never.self) { try BenchModelCommand.parse(["--size", "64M"]) }
        expectUsageError(BenchModelCommand.self, ["--threads", "0"], saying: "--threads must be 1 to 16")
        expectUsageError(BenchModelCommand.self, ["--threads", "17"], saying: "--threads must be 1 to 16")
    }

    @Test func benchStartupOptions() {
        expectUsageError(BenchStartupCommand.self, ["--pairs", "0"], saying: "--pairs must be 1 to 10000")
        expectUsageError(BenchStartupCommand.self, ["--binary", "tmemctl"], saying: "--binary takes an absolute path")
        #expect(throws: Never.self) { try BenchStartupCommand.parse(["--pairs", "7", "--binary", "/usr/bin/tmemctl"]) }
    }
}
