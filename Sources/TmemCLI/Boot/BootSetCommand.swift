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
        --target kernel-cmdline creates /etc/kernel/cmdline from /proc/cmdline if it is missing.

        Examples:
          tmemctl boot set --zswap-enabled Y --zswap-compressor lz4 --zswap-max-pool-percent 25 --dry-run
          tmemctl boot set --zram-num-devices 2 --target kernel-cmdline
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Option(help: ArgumentHelp("zswap.enabled (Y/N, yes/no, 1/0, on/off).", valueName: "BOOL"))
    var zswapEnabled: ZswapBool?

    @Option(help: ArgumentHelp("zswap.compressor (see /proc/crypto).", valueName: "NAME"))
    var zswapCompressor: String?

    @Option(help: ArgumentHelp("zswap.max_pool_percent (0...100).", valueName: "N"))
    var zswapMaxPoolPercent: Int?

    @Option(help: ArgumentHelp("zswap.accept_threshold_percent (0...100).", valueName: "N"))
    var zswapAcceptThresholdPercent: Int?

    @Option(help: ArgumentHelp("zswap.shrinker_enabled (Y/N).", valueName: "BOOL"))
    var zswapShrinkerEnabled: ZswapBool?

    @Option(help: ArgumentHelp("zram.num_devices: zram devices created at boot (0...\(BootParameter.maxZramDevices)).", valueName: "N"))
    var zramNumDevices: Int?

    @Option(help: "Which file to write: grub, kernel-cmdline, modprobe (zram only) or auto.")
    var target: BootTarget = .auto

    @Flag(help: "Print the diff and write nothing.")
    var dryRun = false

    var requested: [BootParameter: String] {
        var v: [BootParameter: String] = [:]
        v[.zswapEnabled] = zswapEnabled?.rawValue
        v[.zswapCompressor] = zswapCompressor
        v[.zswapMaxPoolPercent] = zswapMaxPoolPercent.map(String.init)
        v[.zswapAcceptThresholdPercent] = zswapAcceptThresholdPercent.map(String.init)
        v[.zswapShrinkerEnabled] = zswapShrinkerEnabled?.rawValue
        v[.zramNumDevices] = zramNumDevices.map(String.init)
        return v
    }

    func validate() throws {
        if requested.isEmpty {
            throw ValidationError("nothing to set: give --zswap-enabled, --zswap-compressor, --zswap-max-pool-percent, --zswap-accept-threshold-percent, --zswap-shrinker-enabled or --zram-num-devices")
        }
        for (name, v) in [("--zswap-max-pool-percent", zswapMaxPoolPercent), ("--zswap-accept-threshold-percent", zswapAcceptThresholdPercent)] {
            if let v, !(0...100).contains(v) { throw ValidationError("\(name) is a percentage: give 0...100, not \(v)") }
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
