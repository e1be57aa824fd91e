import ArgumentParser
import TmemControl
import TmemHost

/// `tmemctl generate-units NORMAL [EARLY LATE]`: the systemd generator (installed as
/// system-generators/tmemctl-generator, which runs this), after zram-generator's layout.
struct GenerateUnitsCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-units",
        abstract: "Write the systemd units for the configured zram devices (the systemd generator).",
        discussion: """
        systemd runs this at boot and on daemon-reload as /usr/lib/systemd/system-generators/tmemctl-generator \
        NORMAL EARLY LATE; units go to NORMAL. Per [zramN] device it writes dev-zramN.swap (Priority=, Options=) \
        linked from swap.target.wants, or the mount point's .mount unit linked from local-fs.target.wants, each \
        requiring and ordered after tmemctl-setup@zramN.service, plus a drop-in binding that setup to it; and it \
        creates the devices (loading the zram module when needed) so that the units find them. [zswap] or \
        [sysctl] makes sysinit.target want tmemctl-zswap.service. Nothing is written inside a container \
        (systemd-detect-virt --container), and no device with systemd.zram=0 on the kernel command line. A \
        configuration error writes nothing and exits 1, as zram-generator does. Messages go to stderr (the journal).

        Examples:
          tmemctl generate-units /tmp/units
          tmemctl generate-units --root ./fixture /tmp/units
        """
    )
    static var errorPrefix: String { "tmemctl generate-units" }

    @OptionGroup var rootOptions: RootOptions
    @Argument(help: ArgumentHelp("Where the units go (systemd's normal generator directory).", valueName: "NORMAL"))
    var normal: String
    @Argument(help: ArgumentHelp("systemd's early and late directories (unused).", valueName: "EARLY LATE"))
    var others: [String] = []

    func validate() throws {
        guard others.isEmpty || others.count == 2 else {
            throw ValidationError("give one directory, or three as systemd passes them (NORMAL EARLY LATE)")
        }
        guard normal.hasPrefix("/") else { throw ValidationError("NORMAL must be an absolute path, not '\(normal)'") }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        if let why = ContainerDetection.container(root: root) {
            Output.diagnostic("tmemctl-generator: in a container (\(why)): no units")
            return
        }
        let config = ConfigReader(root: root).read()
        let resolution = try ConfigResolver(root: root).resolve(config)
        for d in resolution.diagnostics where d.severity == .warning { Output.diagnostic("tmemctl-generator: warning: \(d)") }
        if !resolution.errors.isEmpty {
            for d in resolution.errors { Output.diagnostic("tmemctl-generator: \(d)") }
            throw CommandFailure("the configuration has errors: no units written (tmemctl config check lists them)")
        }
        let zswapUnit = UnitGenerator.unitDirectories.map { "\($0)/\(UnitGenerator.zswapUnit)" }.first { root.exists($0) }.map { "/" + $0 }
        let units = UnitGenerator.generate(resolution.state, sources: config.sources.files.map(\.displayPath), zswapUnitPath: zswapUnit)
        if (resolution.state.zswap != nil || resolution.state.sysctl != nil) && zswapUnit == nil {
            Output.diagnostic("tmemctl-generator: warning: [zswap]/[sysctl] configured but \(UnitGenerator.zswapUnit) is not installed in \(UnitGenerator.unitDirectories.map { root.absolute($0) }.joined(separator: ", "))")
        }
        let dir = GeneratorDirectory(path: normal)
        for (path, entry) in units.entries {
            switch entry {
            case .file(let text): try dir.writeFile(path, text)
            case .link(let target): try dir.link(path, to: target)
            }
        }
        var failed: [String] = []
        if !units.devices.isEmpty && root.isLive {
            failed = createDevices(units.devices, root: root)
        }
        Output.diagnostic("tmemctl-generator: \(units.devices.isEmpty ? "no zram device" : units.devices.joined(separator: ", ")) configured, \(units.entries.count) entries written to \(normal)")
        if !failed.isEmpty { throw CommandFailure("could not create \(failed.joined(separator: ", ")); their units will wait for them") }
    }

    /// Like zram-generator: load zram when its control is missing, then hot_add what is not there yet, so that
    /// each swap or mount unit finds its device (a unit waits for dev-zramN.device). Only on the live root.
    func createDevices(_ names: [String], root: SystemRoot) -> [String] {
        let control = ZramControl(root: root)
        if !control.isAvailable {
            do { _ = try KernelModules(root: root).load("zram") } catch {
                Output.diagnostic("tmemctl-generator: \(error)")
                return names
            }
        }
        let executor = PlanExecutor(root: root, log: { Output.diagnostic("tmemctl-generator: \($0)") })
        var failed: [String] = []
        for name in names where !root.exists(ZramDevice.sysfsDir(named: name)) {
            do { try executor.create(name) } catch {
                Output.diagnostic("tmemctl-generator: \(error)")
                failed.append(name)
            }
        }
        return failed
    }
}
