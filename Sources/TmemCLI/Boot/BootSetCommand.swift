import ArgumentParser
import TmemControl

struct BootSetCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set zswap and zram parameters for the next boot.",
        discussion: """
        Every value is checked before any file is written (a compressor must be in /proc/crypto or one of \
        zswap's Kconfig choices, percents are 0...100, num_devices 0...\(BootParameter.maxZramDevices)). \
        Other parameters on the command line are kept byte for byte; a parameter already there is replaced, \
        not added twice.

        --target auto (the default) uses the one boot configuration present (/etc/default/grub or \
        /etc/kernel/cmdline) and refuses when there is none or both. zram.num_devices goes on the command line \
        when zram is built in, and into /etc/modprobe.d/tmemctl-zram.conf when it is a module. \
        --target kernel-cmdline creates /etc/kernel/cmdline from /proc/cmdline if it is missing. \
        For GRUB, the file edited is the one that decides the variable: the last of /etc/default/grub and \
        /etc/default/grub.d/*.cfg (in the order grub-mkconfig sources them) that assigns it; tmemctl refuses, \
        naming that file, when its assignment uses an expansion or the file is a link.

        Examples:
          tmemctl boot set --zswap-enabled Y --zswap-compressor lz4 --zswap-max-pool-percent 25 --dry-run
          tmemctl boot set --zram-num-devices 2 --target kernel-cmdline
        """
    )

    @OptionGroup var rootOptions: RootOptions

    typealias ZswapOptions = ZswapParameterOptions<BootSetSpelling>
    @OptionGroup var zswap: ZswapOptions

    @Option(help: ArgumentHelp("zram.num_devices: zram devices created at boot (0...\(BootParameter.maxZramDevices)).", valueName: "N"))
    var zramNumDevices: Int?

    @Option(help: ArgumentHelp("Which file to write: grub, kernel-cmdline, modprobe (zram only) or auto.", valueName: "TARGET"))
    var target: BootTarget = .auto

    @Flag(help: "Print the diff and write nothing.")
    var dryRun = false

    var requested: [BootParameter: String] {
        var v: [BootParameter: String] = [:]
        for (p, value) in zswap.requested {
            guard let b = BootParameter(name: "zswap.\(p.rawValue)") else { continue }
            v[b] = value
        }
        v[.zramNumDevices] = zramNumDevices.map(String.init)
        return v
    }

    func validate() throws {
        if requested.isEmpty {
            throw ValidationError("nothing to set: give \(ZswapOptions.alternatives(ZswapOptions.optionNames + ["--zram-num-devices"]))")
        }
        if let n = zramNumDevices, !(0...BootParameter.maxZramDevices).contains(n) {
            throw ValidationError("--zram-num-devices must be 0...\(BootParameter.maxZramDevices), not \(n)")
        }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        let change = try BootChange(set: requested, target: target, root: root)
        try BootChangeOutput.run(change, root: root, dryRun: dryRun)
    }
}
