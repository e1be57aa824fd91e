import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// The root command. Subcommands register here, one line each.
public struct Tmemctl: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tmemctl",
        abstract: "Run compressed memory (zram, zswap, tmem) and prove what the kernel is doing.",
        discussion: """
        tmemctl configures zram devices and zswap through sysfs in the order the kernel requires, \
        reports their state, and predicts the kernel's own counters from a userspace model of zram, \
        zsmalloc and zswap, so that `tmemctl verify` can compare them field by field.

        Exit status: 0 on success, 1 on a runtime failure or a verification mismatch, 64 on a usage error.
        Set TMEMCTL_ROOT or pass --root to read and write a directory tree instead of /.
        """,
        version: "0.1.0",
        subcommands: [
            StatusCommand.self, ZramCommand.self, ZswapCommand.self,
            ModuleCommand.self, BootCommand.self,
            ConfigCommand.self, PlanCommand.self, ApplyCommand.self, PolicyCommand.self, GenerateUnitsCommand.self,
            CompressCommand.self,
            CorpusCommand.self,
            ModelCommand.self,
            VerifyCommand.self,
            AdviseCommand.self,
            MetricsCommand.self,
            WatchCommand.self,
            BenchCommand.self,
            SimulateCommand.self,
        ]
    )

    public init() {}
}

extension Tmemctl {
    /// Runs the command line; installed as systemd's `tmemctl-generator` (a link to the binary), it is
    /// `tmemctl generate-units NORMAL EARLY LATE`.
    public static func mainDispatchingOnName() {
        // Results that could not be written (stdout on a full disk or /dev/full) fail the run, whichever way it ends.
        atexit(Output.checkStdoutAtExit)
        let args = CommandLine.arguments
        if let name = args.first?.split(separator: "/").last, name == "tmemctl-generator" {
            runChecked(["generate-units"] + args.dropFirst())
        } else {
            runChecked(Array(args.dropFirst()))
        }
    }
}
