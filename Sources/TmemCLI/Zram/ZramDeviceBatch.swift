import ArgumentParser
import TmemControl
import TmemHost

/// What `zram reset` and `zram remove` share: the device list, --force (swapoff first) and --dry-run, and
/// the rule that every device is checked before any is changed.
struct ZramDeviceBatch: ParsableArguments {
    @OptionGroup var rootOptions: RootOptions

    @Argument(help: ArgumentHelp("zram devices (zramN or /dev/zramN).", valueName: "DEV"), completion: HostCompletion.zramDevices)
    var devices: [String]

    @Flag(help: "swapoff a device that is swap first.")
    var force = false

    @Flag(help: "Print what would be done and change nothing.")
    var dryRun = false

    func validate() throws {
        if devices.isEmpty { throw ValidationError("name at least one device, e.g. zram1 (see `tmemctl status`)") }
    }

    /// Checks every device, then applies `change` to each (or prints `plannedWrite` under --dry-run).
    func apply(action: String, plannedWrite: (ZramDevice) -> String,
               change: (ZramMaintenance, ZramDevice, Bool) throws -> Void) throws {
        let m = ZramMaintenance(root: rootOptions.systemRoot)
        let targets = try m.devices(devices)
        for d in targets {
            guard var no = try m.refusal(for: d, forceSwapoff: force, action: action) else { continue }
            if dryRun { no.message = "--dry-run: \(action) \(d.name) would fail: " + no.message }
            throw no
        }
        for d in targets {
            if dryRun {
                if try d.checkedSwapArea() != nil { print("swapoff \(d.kernelNodeName)") }
                print(plannedWrite(d))
            } else {
                try change(m, d, force)
            }
        }
    }
}
