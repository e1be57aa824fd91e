import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemControl
import TmemHost

/// `tmemctl plan`: what apply would do, changing nothing.
struct PlanCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the actions that would make this host match the configuration; change nothing.",
        discussion: """
        Reads the configuration (as config show does), this host's MemTotal and kernel command line, and the current \
        zram devices, swaps, mounts, zswap parameters and sysctls, and prints the ordered actions apply would take: \
        create zramN (hot_add returns the lowest free index, so devices on the way are created and removed again), \
        reset, each attribute write in the kernel's order, mkswap/mkfs, swapon, mount, zswap and sysctl writes, \
        boot-file diffs. A device in use whose algorithm or size differs says needs-reset. Sizes are as requested \
        (disksize, mem_limit) and as the kernel will hold them (disksize_effective, mem_limit_effective: whole pages).

        Where the kernel is known, an algorithm it lacks is an error (exit 1; apply would use the default instead). \
        Under --root holding only configuration, /proc/meminfo and /proc/cmdline, every device is still decided and \
        the kernel's capabilities are reported unknown.

        Examples:
          tmemctl plan
          tmemctl plan --config ./tmemctl.conf --json
          tmemctl plan --device zram1
        """
    )
    static var errorPrefix: String { "tmemctl plan" }

    @OptionGroup var rootOptions: RootOptions
    @OptionGroup var source: ConfigFileOptions
    @Option(help: ArgumentHelp("Only this device (zswap, sysctl and boot are left out).", valueName: "zramN"),
            completion: HostCompletion.zramDevices)
    var device: String?
    @OptionGroup var output: JSONOutputOption

    func validate() throws { _ = try validatedDeviceOption(device) }

    func execute() throws {
        let root = rootOptions.systemRoot
        let inputs = try PlanInputs.load(root: root, configFile: source.config)
        let plan = inputs.plan(.init(mode: .plan, device: try validatedDeviceOption(device)))
        for w in plan.warnings { Output.diagnostic("warning: \(w)") }
        if output.json { print(try PlanReport(plan: plan, root: root).json(), terminator: "") } else { print(PlanText.render(plan, root: root)) }
        if !plan.errors.isEmpty {
            for e in plan.errors { Output.diagnostic("error: \(e)") }
            throw ExitCode.failure
        }
    }
}
