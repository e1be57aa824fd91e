import ArgumentParser
import TmemHost

/// What `module status --json` prints.
struct ModuleStatusReport: Codable {
    var support: ModuleSupport
    var modules: [ModuleStatus]
    var udev: UdevReport

    struct UdevReport: Codable {
        /// systemd-udevd's control socket exists (/run/udev/control).
        var running: Bool
        /// zram block devices as libudev enumerates them.
        var devices: [UdevBlockDevice]
    }
}

struct ModuleStatusCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the state of zram and zsmalloc: built in, loaded, loadable or missing, and why.",
        discussion: """
        STATE is one of: builtin (compiled into the kernel), live/coming/going (a loaded module's initstate), \
        loadable (its .ko is in /lib/modules/RELEASE), not-found, or unsupported (the kernel cannot load modules \
        and the driver is not built in). EVIDENCE says which file decided it. The udev lines list zram block \
        devices as libudev sees them (INIT: udev has processed the device).

        Exit status is 0 whenever the state could be read, whatever it is.

        Examples:
          tmemctl module status
          tmemctl module status zram --json
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: ArgumentHelp("Modules to show (default: zram zsmalloc).", valueName: "MODULE"))
    var modules: [String] = []

    @OptionGroup var format: JSONOutputOption

    func validate() throws {
        for m in modules where m.isEmpty || m.contains("/") || m.contains(where: \.isWhitespace) {
            throw ValidationError("'\(m)' is not a module name; give a name such as zram")
        }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        let kernel = KernelModules(root: root)
        let statuses = modules.isEmpty
            ? KnownModule.all.map { kernel.status(of: $0) }
            : modules.map { name in KnownModule.named(name).map { kernel.status(of: $0) } ?? kernel.status(of: name) }
        // libudev reads the live /sys and /run/udev: on another root there is nothing to enumerate.
        let udev = root.isLive
            ? ModuleStatusReport.UdevReport(running: UdevDevices.isDaemonRunning, devices: UdevDevices()?.zramDevices() ?? [])
            : ModuleStatusReport.UdevReport(running: false, devices: [])
        let report = ModuleStatusReport(support: kernel.support, modules: statuses, udev: udev)
        if format.json { try Output.printJSON(report) } else { print(Self.render(report)) }
    }

    static func render(_ r: ModuleStatusReport) -> String {
        var lines = ["kernel \(r.support.release ?? "?"): " + (r.support.limitation ?? "loads modules from \(r.support.moduleDirectory ?? "?")")]
        var table = TextTable(headers: ["MODULE", "STATE", "EVIDENCE"], alignments: [.left, .left, .left])
        for m in r.modules {
            var evidence = m.evidence
            if !m.dependencies.isEmpty { evidence += "; needs \(m.dependencies.joined(separator: " "))" }
            if let o = m.configuredOptions { evidence += "; modprobe.d options: \(o)" }
            if m.blacklisted { evidence += "; blacklisted in modprobe.d" }
            table.rows.append([m.name, m.state.rawValue, evidence])
        }
        lines.append(table.render(headings: true, raw: false))
        if r.udev.running {
            let devices = r.udev.devices.map { "\($0.sysname)\($0.isInitialized ? "" : " (not initialized)")\($0.fsType.map { " \($0)" } ?? "")" }
            lines.append("udev: running; zram devices: " + (devices.isEmpty ? "none" : devices.joined(separator: ", ")))
        } else {
            lines.append("udev: not running (no /run/udev/control); nothing probes new devices")
        }
        return lines.joined(separator: "\n")
    }
}
