import ArgumentParser
import TmemControl
import TmemHost

/// `tmemctl config wants --device zramN`: the question udev/60-tmemctl-zram.rules asks (as PROGRAM, no shell) before it
/// has a device set up: exit 0 to configure, 1 to leave it alone, with why on stderr.
struct ConfigWantsCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "wants",
        abstract: "Exit 0 when the configuration sets up --device now, 1 when it is left alone (what the udev rule asks).",
        discussion: """
        The device is set up when a [zramN] section names it and applies on this host (not skipped by \
        host-memory-limit, a zero size or systemd.zram=0 on the kernel command line), and no other tmemctl run \
        claims it (/run/tmemctl/claims/: the scratch devices of verify, bench and the tests, bound or about to be). \
        Prints nothing on stdout; why a device is left alone goes to stderr. A configuration with errors sets up \
        nothing (exit 1, the errors on stderr).
        """
    )
    static var errorPrefix: String { "tmemctl config wants" }

    @OptionGroup var rootOptions: RootOptions
    @OptionGroup var source: ConfigFileOptions
    // An option, not an argument: the rule passes --device=%k, one word that cannot turn into another option.
    @Option(help: ArgumentHelp("The device that appeared.", valueName: "zramN"), completion: HostCompletion.zramDevices)
    var device: String

    func validate() throws {
        guard ZramDevice(name: device, root: SystemRoot("/")) != nil else {
            throw ValidationError("--device: " + ZramDevice.nameRefusal(device))
        }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        guard let zram = ZramDevice(name: device, root: root) else { return }
        switch HotplugDecision.decide(device: zram, root: root, configFile: source.config) {
        case .configure:
            return
        case .leaveAlone(let why):
            Output.diagnostic("\(zram.name): left alone: \(why)")
            throw ExitCode(1)
        case .configurationError(let errors):
            for e in errors { Output.diagnostic(e) }
            Output.diagnostic("\(zram.name): left alone: the configuration has errors (tmemctl config check)")
            throw ExitCode(1)
        }
    }
}
