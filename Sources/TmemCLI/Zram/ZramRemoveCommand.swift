import ArgumentParser
import TmemControl
import TmemHost

struct ZramRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove zram devices (hot_remove).",
        discussion: """
        Writes the device id to /sys/class/zram-control/hot_remove; the kernel resets the device first. A device \
        that is swap is refused unless --force is given, in which case tmemctl runs swapoff first (the kernel \
        must then read every swapped page back into memory). A mounted device is always refused. All devices are \
        checked before any is removed.

        Examples:
          tmemctl zram remove zram1
          tmemctl zram remove --force zram2 zram3
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: ArgumentHelp("zram devices (zramN or /dev/zramN).", valueName: "DEV"))
    var devices: [String]

    @Flag(help: "swapoff a device that is swap before removing it.")
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
            for d in targets { if let no = m.refusal(for: d, forceSwapoff: force, action: "remove") { throw no } }
            for d in targets {
                if dryRun {
                    if d.swapArea != nil { print("swapoff /dev/\(d.name)") }
                    print("write zram-control/hot_remove = \(d.id)")
                } else {
                    try m.remove(d, forceSwapoff: force)
                }
            }
        }
    }
}
