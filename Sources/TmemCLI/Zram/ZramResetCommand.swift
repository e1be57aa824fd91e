import ArgumentParser
import TmemControl
import TmemHost

struct ZramResetCommand: TmemCommand {
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

    @OptionGroup var batch: ZramDeviceBatch

    func execute() throws {
        try batch.apply(action: "reset", plannedWrite: { d in "write \(d.name)/reset = 1" }) { m, d, force in
            try m.reset(d, forceSwapoff: force)
        }
    }
}
