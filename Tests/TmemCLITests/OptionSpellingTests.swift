import ArgumentParser
import Testing
@testable import TmemCLI
import TmemHost

/// One spelling per concept: the new spellings, the hidden old ones, and the option groups two commands share.
@Suite struct OptionSpellingTests {
    @Test func simulateMemLimitAndItsOldSpellingMeanTheSame() throws {
        for spelling in ["--mem-limit", "--memlimit"] {
            let s = try #require(try SimulateCommand.parseAsRoot(["--workload", "usemem", "--memory", "8M", spelling, "25%"]) as? SimulateCommand)
            #expect(try s.memlimitBytes(memory: 8 << 20) == 2 << 20, "\(spelling)")   // 25% of 8 MiB
        }
        for spelling in ["--pool-mem-limit", "--pool-memlimit"] {
            let s = try #require(try SimulateCommand.parseAsRoot(["--workload", "usemem", spelling, "1M"]) as? SimulateCommand)
            #expect(try s.poolMemlimitBytes(memory: 8 << 20) == 1 << 20, "\(spelling)")
        }
    }

    @Test func theOldSpellingIsHiddenFromHelp() {
        let help = SimulateCommand.helpMessage()
        #expect(help.contains("--mem-limit <SIZE>") && help.contains("--pool-mem-limit <SIZE>"))
        #expect(!help.contains("--memlimit") && !help.contains("--pool-memlimit"))
    }

    @Test func bothSpellingsAtOnceIsAUsageError() {
        do {
            _ = try SimulateCommand.parseAsRoot(["--workload", "usemem", "--mem-limit", "10%", "--memlimit", "20%"])
            Issue.record("accepted both spellings")
        } catch {
            #expect(SimulateCommand.exitCode(for: error) == ExitCode(64))
            #expect(SimulateCommand.message(for: error).contains("--memlimit is its old spelling"))
        }
    }

    /// A size that is not one is refused with the reason, on every size option.
    @Test(arguments: [["model", "--builtin", "--mem-limit"], ["advise", "--builtin", "--disksize"], ["bench", "model", "--size"],
                      ["simulate", "--workload", "usemem", "--memory"], ["zram", "add", "--size"]])
    func aBadSizeSaysWhy(_ args: [String]) {
        do {
            _ = try Tmemctl.parseAsRoot(args + ["lots"])
            Issue.record("accepted \(args)")
        } catch {
            #expect(Tmemctl.exitCode(for: error) == ExitCode(64))
            #expect(Tmemctl.message(for: error).contains("invalid size 'lots': not a size"), "\(args)")
        }
    }

    /// `zswap set` and `boot set` share one declaration of the zswap parameters, under their own prefixes.
    @Test func zswapParametersAreOneGroupUnderTwoSpellings() throws {
        let z = try #require(try Tmemctl.parseAsRoot(["zswap", "set", "--enabled", "on", "--max-pool-percent", "25"]) as? ZswapSetCommand)
        let b = try #require(try Tmemctl.parseAsRoot(["boot", "set", "--zswap-enabled", "on", "--zswap-max-pool-percent", "25"]) as? BootSetCommand)
        #expect(z.parameters.requested == [.enabled: "Y", .maxPoolPercent: "25"])
        #expect(b.zswap.requested == z.parameters.requested)
        #expect(b.requested == [.zswapEnabled: "Y", .zswapMaxPoolPercent: "25"])
        expectUsageError(["zswap", "set", "--max-pool-percent", "101"], saying: "--max-pool-percent is a percentage: give 0...100, not 101")
        expectUsageError(["boot", "set", "--zswap-max-pool-percent", "101"], saying: "--zswap-max-pool-percent is a percentage: give 0...100, not 101")
    }

    @Test func compressStillTakesItsFileAsAnArgument() throws {
        let c = try #require(try Tmemctl.parseAsRoot(["compress", "-a", "lzo", "pages.bin"]) as? CompressCommand)
        #expect(c.file == "pages.bin" && c.source.corpus == nil)
        expectUsageError(["compress", "-a", "lzo", "pages.bin", "--corpus", "other.bin"], saying: "give the corpus once")
    }

    func expectUsageError(_ args: [String], saying message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try Tmemctl.parseAsRoot(args)
            Issue.record("accepted \(args)", sourceLocation: sourceLocation)
        } catch {
            #expect(Tmemctl.exitCode(for: error) == ExitCode(64), sourceLocation: sourceLocation)
            #expect(Tmemctl.message(for: error).contains(message), "\(Tmemctl.message(for: error))", sourceLocation: sourceLocation)
        }
    }

    static func allCommands(_ c: ParsableCommand.Type = Tmemctl.self) -> [ParsableCommand.Type] {
        [c] + c.configuration.subcommands.flatMap { allCommands($0) }
    }

    /// Each value name means one thing: no single-letter names; a seed is SEED, an algorithm ALG, a size SIZE.
    @Test func valueNamesSayWhatTheyHold() throws {
        let commands = Self.allCommands()
        #expect(commands.count >= 30)   // the walk reached the subcommands
        for c in commands {
            let help = Tmemctl.helpMessage(for: c, columns: 1000)
            let names = help.matches(of: /<([A-Za-z0-9-]+)>/).map { String($0.output.1) }
            for n in names { #expect(n.count > 1 || n == "N", "\(c.configuration.commandName ?? "?"): <\(n)>") }
            for line in help.split(separator: "\n") where line.wholeMatch(of: /\ \ (-[a-z], )?--[a-z].*/) != nil {
                if line.contains("--seed ") { #expect(line.contains("--seed <SEED>"), "\(line)") }
                if line.contains("--algorithm ") { #expect(line.contains("--algorithm <ALG>"), "\(line)") }
                for size in ["--size ", "--mem-limit ", "--memory ", "--disksize "] where line.contains(size) {
                    #expect(line.contains(size + "<SIZE>"), "\(line)")
                }
            }
        }
    }

    /// The one error path: every command that does work is a TmemCommand (its run() goes through
    /// CommandErrors.reporting); only the families, which run nothing, are plain ParsableCommands.
    @Test func everyLeafCommandReportsThroughTheOneErrorPath() {
        for c in Self.allCommands() {
            let name = c.configuration.commandName ?? "\(c)"
            if c.configuration.subcommands.isEmpty {
                #expect(c is any TmemCommand.Type, "\(name) is not a TmemCommand")
            } else {
                #expect(!(c is any TmemCommand.Type) || c == Tmemctl.self, "\(name)")
            }
        }
    }
}
