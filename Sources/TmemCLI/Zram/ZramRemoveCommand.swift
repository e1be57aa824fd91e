import ArgumentParser
import TmemControl
import TmemHost

struct ZramRemoveCommand: TmemCommand {
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

    @OptionGroup var batch: ZramDeviceBatch

    func execute() throws {
        try batch.apply(action: "remove", plannedWrite: { d in "write zram-control/hot_remove = \(d.id)" }) { m, d, force in
            try m.remove(d, forceSwapoff: force)
        }
    }
}
