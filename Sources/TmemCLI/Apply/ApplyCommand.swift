import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemControl
import TmemHost

/// `tmemctl apply`: make the host match the configuration, each device all-or-nothing.
struct ApplyCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Make this host match the configuration (idempotent; --check for config management).",
        discussion: """
        Runs what plan shows. Each device is all-or-nothing: a failed step undoes what was done to it (unmount, \
        swapoff, reset, and removal of a device it created); the other devices still proceed; exit 1 names what \
        failed or was refused. A second run finds nothing to do and exits 0.

        apply configures only devices that are uninitialized or its own (it records them under /run/tmemctl/apply/); \
        a device another tmemctl run claims (/run/tmemctl/claims/) is never touched. A device in use whose \
        algorithm, size or use differs is refused unless --reconfigure, which swaps it off or unmounts it, resets \
        it and sets it up again. An algorithm the kernel lacks is warned about and the kernel's default is used. \
        zswap parameters and sysctls are saved (/run/tmemctl/apply/saved.json, 0600) before the first change; \
        --teardown puts them back and swaps off, unmounts, resets and removes the configured devices apply owns. \
        Boot files ([boot]) are written only by a full apply, never with --device. Progress goes to stderr.

        Under systemd the units do this at boot (tmemctl generate-units): tmemctl-setup@zramN.service runs \
        `apply --device zramN --no-activate` (size, algorithm, mkswap/mkfs; the generated dev-zramN.swap or .mount \
        unit swaps on or mounts), its stop runs `apply --teardown --device zramN`, and tmemctl-zswap.service runs \
        `apply --no-devices` for [zswap] and [sysctl].

        Exit status: 0 done or nothing to do; 1 something failed or was refused; 2 with --check when changes would \
        be made; 64 a configuration error (nothing is changed).

        Examples:
          tmemctl apply --check
          tmemctl apply --dry-run
          tmemctl apply --device zram1
          tmemctl apply --teardown
        """
    )
    static var errorPrefix: String { "tmemctl apply" }

    @OptionGroup var rootOptions: RootOptions
    @OptionGroup var source: ConfigFileOptions
    @Option(help: ArgumentHelp("Only this device (zswap, sysctl and boot are left alone).", valueName: "zramN"),
            completion: HostCompletion.zramDevices)
    var device: String?
    @Flag(help: "Print the plan and change nothing.")
    var dryRun = false
    @Flag(help: "Change nothing; exit 2 when changes would be made, 0 when the host matches.")
    var check = false
    @Flag(help: "Swap off or unmount, reset and set up again a device in use whose settings need a reset.")
    var reconfigure = false
    @Flag(help: "Undo what the configuration describes: swapoff/umount, reset, hot_remove; restore zswap and sysctls.")
    var teardown = false
    @Flag(help: "Size and format devices but leave swapon and mount to systemd's generated units (tmemctl-setup@.service).")
    var noActivate = false
    @Flag(help: "Only [zswap] and [sysctl]: no device, no boot file (tmemctl-zswap.service).")
    var noDevices = false
    @OptionGroup var output: JSONOutputOption

    func validate() throws {
        _ = try validatedDeviceOption(device)
        if teardown && reconfigure { throw ValidationError("--teardown and --reconfigure exclude each other: give one") }
        if noDevices && device != nil { throw ValidationError("--no-devices and --device exclude each other: give one") }
        if noDevices && noActivate { throw ValidationError("--no-activate is about devices, which --no-devices leaves out: give one") }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        let inputs = try PlanInputs.load(root: root, configFile: source.config)
        let options = PlanOptions(mode: teardown ? .teardown : .apply, device: try validatedDeviceOption(device), reconfigure: reconfigure,
                                  activate: !noActivate, policiesOnly: noDevices)
        let plan = inputs.plan(options)
        for w in plan.warnings { Output.diagnostic("warning: \(w)") }
        for e in plan.errors where !plan.devices.contains(where: { e.hasPrefix("\($0.name): ") }) { Output.diagnostic("error: \(e)") }
        if check || dryRun {
            if output.json { print(try PlanReport(plan: plan, root: root).json(), terminator: "") } else { print(PlanText.render(plan, root: root)) }
            if check && (plan.hasChanges || !plan.refused.isEmpty) { throw ExitCode(2) }
            return
        }
        if !plan.hasChanges && plan.refused.isEmpty && plan.errors.isEmpty {
            Output.diagnostic("nothing to do: the host matches the configuration")
            if output.json { print(try PlanReport(plan: plan, root: root, result: ApplyResult()).json(), terminator: "") }
            return
        }
        let boot = options.device == nil && !options.policiesOnly && options.mode == .apply && inputs.desired.boot != nil
            ? try PlanInputs.bootActions(inputs.desired.boot!, root: root).change : nil
        let result = PlanExecutor(root: root, log: { Output.diagnostic($0) }).execute(plan, bootChange: boot)
        if output.json { print(try PlanReport(plan: plan, root: root, result: result).json(), terminator: "") }
        if let boot, !boot.edits.isEmpty { for s in boot.nextSteps { Output.diagnostic("next: \(s)") } }
        let failed = result.failed.map { "\($0.name) (\($0.outcome))" } + (result.policyErrors.isEmpty ? [] : ["zswap/sysctl/boot"])
            + (plan.errors.isEmpty ? [] : ["\(plan.errors.count) planning error(s)"])
        if !failed.isEmpty { throw CommandFailure("not everything was applied: \(failed.joined(separator: ", "))") }
    }
}
