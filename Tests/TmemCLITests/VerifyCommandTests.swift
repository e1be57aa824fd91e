import ArgumentParser
import Testing
@testable import TmemCLI

@Suite struct VerifyCommandTests {
    @Test func zswapNeedsTheSwapPath() {
        #expect(throws: (any Error).self) { try VerifyCommand.parse(["--zswap"]) }
        #expect(throws: Never.self) { try VerifyCommand.parse(["--zswap", "--path", "swap"]) }
    }

    @Test func oneCorpusSourceAtATime() {
        #expect(throws: (any Error).self) { try VerifyCommand.parse(["--corpus", "a.pages", "--builtin"]) }
        #expect(throws: (any Error).self) { try VerifyCommand.parse(["--corpus", "a.pages", "--pages", "4"]) }
        #expect(throws: (any Error).self) { try VerifyCommand.parse(["--path", "disk"]) }
    }

    @Test func adviseTakesOneWorkload() {
        #expect(throws: (any Error).self) { try AdviseCommand.parse(["--pid", "1", "--builtin"]) }
        #expect(throws: (any Error).self) { try AdviseCommand.parse(["--pool-percent", "0"]) }
        #expect(throws: Never.self) { try AdviseCommand.parse(["--builtin", "--disksize", "50%"]) }
    }

    @Test func benchModelSizeIsBytes() {
        #expect(throws: (any Error).self) { try BenchModelCommand.parse(["--size", "50%"]) }
        #expect(throws: (any Error).self) { try BenchModelCommand.parse(["--size", "1000"]) }
        #expect(throws: Never.self) { try BenchModelCommand.parse(["--size", "64M"]) }
    }
}
