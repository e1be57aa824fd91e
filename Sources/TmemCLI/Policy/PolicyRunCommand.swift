import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemControl
import TmemCore
import TmemHost

struct PolicyRunCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one tiering round on every device that declares a policy (or on --device).",
        discussion: """
        A round marks pages idle (idle-age: seconds, or pressure(MIN, MAX), which follows memory pressure as \
        ChromeOS does: (MAX - MIN) * e^(-5 * (1 - MemAvailable/MemTotal)) + MIN), writes back each of \
        writeback-types in order, and recompresses recompress-type. writeback-budget caps the bytes written back \
        per UTC calendar day: before each writeback the kernel's writeback_limit is set to what is left, so the \
        kernel itself stops at the budget. The spending is read from the kernel's bd_writes and recorded in \
        /var/lib/tmemctl/tiering/zramN.json; a clock set back to an earlier day never refills the budget, and \
        running a round twice charges nothing twice. Steps this kernel cannot do (an option it lacks) are skipped \
        with a warning naming the option.

        Examples:
          tmemctl policy run
          tmemctl policy run --device zram1 --dry-run --json
        """
    )

    @OptionGroup var rootOptions: RootOptions
    @OptionGroup var source: ConfigFileOptions
    @Option(help: ArgumentHelp("Only this device (zramN).", valueName: "DEV"), completion: HostCompletion.zramDevices)
    var device: String?
    @Option(help: ArgumentHelp("Run as if at this time (seconds since the epoch); only with --dry-run or --root.", valueName: "SECONDS", visibility: .hidden))
    var at: Int64?
    @OptionGroup var tier: ZramTierOutputOptions

    func validate() throws {
        if let device, ZramDevice(name: device, root: SystemRoot("/")) == nil {
            throw ValidationError("--device: " + ZramDevice.nameRefusal(device))
        }
        if at != nil, !tier.dryRun, rootOptions.systemRoot.isLive {
            throw ValidationError("--at moves the budget's clock: only with --dry-run or a --root")
        }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        let config = ConfigReader(root: root).read(configFile: source.config)
        for d in config.warnings { Output.diagnostic("warning: \(d)") }
        if !config.errors.isEmpty {
            for d in config.errors { Output.diagnostic("\(d)") }
            throw ExitCode(64)
        }
        var policies = config.sortedDevices.compactMap(TieringPolicy.init)
        if let device {
            let name = ZramDevice(name: device, root: root)!.name
            policies = policies.filter { $0.device == name }
            guard !policies.isEmpty else {
                throw InvalidRequest("\(name) declares no tiering policy in the configuration (idle-age, writeback-budget, writeback-types or recompress-type in [\(name)])")
            }
        }
        if policies.isEmpty { Output.diagnostic("no [zramN] section declares a tiering policy; nothing to do") }
        let clock: @Sendable () -> Int64 = { [at] in at ?? Int64(Date().timeIntervalSince1970.rounded(.down)) }
        var reports: [TieringRound.Report] = []
        for p in policies {
            let report: TieringRound.Report
            do { report = try TieringRound(policy: p, root: root, now: clock).run(dryRun: tier.dryRun) } catch let e as ZramTierRefusal {
                throw CommandFailure(e.message)
            }
            for s in report.skipped { Output.diagnostic("warning: \(report.device): skipped \(s)") }
            reports.append(report)
        }
        if tier.output.json { return try Output.printJSON(Rounds(rounds: reports)) }
        for r in reports { print(Self.text(r), terminator: "") }
    }

    struct Rounds: Encodable { var rounds: [TieringRound.Report] }

    static func text(_ r: TieringRound.Report) -> String {
        var out = ""
        if let a = r.idleAgeSeconds { out += "\(r.device): idle age \(a) s\n" }
        for s in r.steps {
            let written = s.unitsWritten.map { ", \($0 * 4096) bytes written back" } ?? ""
            out += "\(r.device): \(r.dryRun ? "would write" : "wrote") \(s.attribute) = \(s.value) (\(s.result)\(written))\n"
        }
        let b = r.budget
        if let perDay = b.perDayBytes {
            out += "\(r.device): budget \(perDay) bytes per UTC day \(b.utcDay): used \(b.usedBeforeBytes) before, \(b.usedAfterBytes) after, \(b.remainingBytes ?? 0) left\n"
        } else {
            out += "\(r.device): no writeback budget; \(b.usedAfterBytes) bytes written back on UTC day \(b.utcDay)\n"
        }
        return out
    }
}
