import ArgumentParser
import TmemHost

struct ModuleLoadCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load zram (or another module) as modprobe would, with options.",
        discussion: """
        Loads through libkmod: dependencies first (zsmalloc before zram), `options` lines from modprobe.d applied \
        before the ones given here, `install` rules run, and a module named by a `blacklist` line refused. A module \
        that is already loaded is left alone (exit 0; options given then did not apply, which is reported on stderr). \
        A built-in zram has nothing to load: its num_devices can only be set on the kernel command line \
        (zram.num_devices=N), so asking for it fails with that advice; `tmemctl zram add` adds devices at any time.

        The kernel's refusal is reported with its errno: EPERM without CAP_SYS_MODULE, ENOENT when the module is \
        not in /lib/modules/RELEASE, ENOSYS when the kernel has no module support at all.

        Examples:
          tmemctl module load --num-devices 4
          tmemctl module load zram --dry-run
          tmemctl module load zram --options "num_devices=2" --json
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: ArgumentHelp("The module to load.", valueName: "MODULE"))
    var module: String = "zram"

    @Option(help: ArgumentHelp("zram devices to create at load (num_devices, 0...\(Self.maxDevices)).", valueName: "N"))
    var numDevices: Int?

    @Option(help: ArgumentHelp("Module options, as on a modprobe command line ('key=value key=value').", valueName: "OPTIONS"))
    var options: String?

    @Flag(help: "Print what would be loaded (insmod lines) and change nothing.")
    var dryRun = false

    @OptionGroup var format: JSONOutputOption

    /// zram allocates a gendisk per device at load; more than this is a typo, not a plan.
    static let maxDevices = 1024

    func validate() throws {
        if module.isEmpty || module.contains("/") || module.contains(where: \.isWhitespace) {
            throw ValidationError("'\(module)' is not a module name; give a name such as zram")
        }
        if let n = numDevices {
            guard KernelModules.normalized(module) == "zram" else {
                throw ValidationError("--num-devices is a zram option; for \(module) use --options")
            }
            guard (0...Self.maxDevices).contains(n) else {
                throw ValidationError("--num-devices must be 0...\(Self.maxDevices), not \(n)")
            }
        }
        if let o = options, o.contains("\n") || o.contains(";") {
            throw ValidationError("--options takes key=value pairs separated by spaces, such as 'num_devices=2'")
        }
    }

    var combinedOptions: String? {
        let parts = [options, numDevices.map { "num_devices=\($0)" }].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    func execute() throws {
        let result = try KernelModules(root: rootOptions.systemRoot).load(module, options: combinedOptions, dryRun: dryRun)
        if let note = result.note { Output.diagnostic("tmemctl: \(note)") }
        if format.json { try Output.printJSON(result); return }
        switch result.outcome {
        case .planned: result.actions.forEach { print($0) }
        case .loaded: print("\(result.module): \(result.status.state.rawValue)")
        case .alreadyPresent: print("\(result.module): \(result.status.state.rawValue) (nothing loaded)")
        }
    }
}
