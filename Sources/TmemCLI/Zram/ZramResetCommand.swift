import ArgumentParser
import TmemControl
import TmemHost

struct ZramResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Free a zram device's memory and return it to uninitialized.",
        discussion: """
        Writes 1 to reset: all stored pages are freed, disksize becomes 0, the algorithm goes back to the \
        kernel's default and every counter is zeroed. The kernel refuses while the device is open, so a device \
        that is swap is refused unless --force is given (tmemctl then runs swapoff first); a mounted device is \
        always refused. All devices are checked before any is reset.

        Examples:
          tmemctl zram reset zram1 zram2
          tmemctl zram reset --force /dev/zram1
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: ArgumentHelp("zram devices (zramN or /dev/zramN).", valueName: "DEV"))
    var devices: [String]

    @Flag(help: "swapoff a device that is swap before resetting it.")
    var force = false

    @Flag(help: "Print what would be done and change nothing.")
    var dryRun = false

    func validate() throws {
        if devices.isEmpty { throw ValidationError("name at least one device, e.g. zram1 (see `tmemctl status`)") }
    }

    func run() throws {
        try CommandErrors.reporting {
            let m = ZramMaintenance(root: rootOptions.systemRoot)
            let targets = try m.devices(devices)
            for d in targets { if let no = m.refusal(for: d, forceSwapoff: force, action: "reset") { throw no } }
            for d in targets {
                if dryRun {
                    if d.swapArea != nil { print("swapoff /dev/\(d.name)") }
                    print("write \(d.name)/reset = 1")
                } else {
                    try m.reset(d, forceSwapoff: force)
                }
            }
        }
    }
}
