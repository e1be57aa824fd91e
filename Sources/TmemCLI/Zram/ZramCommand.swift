import ArgumentParser

struct ZramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zram",
        abstract: "Add, change, reset and remove zram devices; mark pages idle, write them back, recompress them.",
        discussion: """
        Every change is validated before the first write: an algorithm this kernel lacks, a size of 0 or beyond \
        reason or a priority outside -1...32767 is a usage error (exit 64); a device that does not exist, is swap, \
        is mounted, has a device stacked on it or is open in a process is refused (exit 1). Either way nothing \
        changes. A setup that fails part-way is rolled back. Devices that are swap or mounted are not reset or \
        removed unless you say so (--force for swap; unmount first for mounts). Use --dry-run to see the writes.
        """,
        subcommands: [ZramAddCommand.self, ZramSetCommand.self, ZramResetCommand.self, ZramRemoveCommand.self,
                      ZramIdleCommand.self, ZramWritebackCommand.self, ZramRecompressCommand.self]
    )
}
