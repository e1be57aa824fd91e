import ArgumentParser
import TmemControl

struct BootUnsetCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "unset",
        abstract: "Remove zswap and zram parameters from the boot configuration.",
        discussion: """
        With --target auto (the default) every parameter named is removed from each file that has it: \
        /etc/default/grub (both variables), /etc/kernel/cmdline and /etc/modprobe.d/tmemctl-zram.conf (removed \
        when nothing is left in it). The next boot then uses the kernel's defaults. Other files in \
        /etc/modprobe.d are not edited.

        Examples:
          tmemctl boot unset zswap.enabled zswap.compressor --dry-run
          tmemctl boot unset zram.num_devices --target modprobe
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: ArgumentHelp("Parameters to remove, as on the command line (zswap.enabled, zram.num_devices).", valueName: "PARAM"))
    var parameters: [BootParameter]

    @Option(help: ArgumentHelp("Which file to edit: grub, kernel-cmdline, modprobe (zram only) or auto (every file that has it).",
                               valueName: "TARGET"))
    var target: BootTarget = .auto

    @Flag(help: "Print the diff and write nothing.")
    var dryRun = false

    func validate() throws {
        if parameters.isEmpty { throw ValidationError("name at least one parameter: \(BootParameter.allCases.map(\.rawValue).joined(separator: ", "))") }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        let change = try BootChange(unset: parameters, target: target, root: root)
        try BootChangeOutput.run(change, root: root, dryRun: dryRun,
                                 unchanged: "nothing to change: no boot configuration file that tmemctl edits sets \(parameters.map(\.rawValue).joined(separator: ", "))")
    }
}
