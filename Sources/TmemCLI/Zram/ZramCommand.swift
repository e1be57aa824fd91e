import ArgumentParser

struct ZramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zram",
        abstract: "Add, change, reset and remove zram devices; mark pages idle, write them back, recompress them.",
        discussion: """
        Every change is validated before the first write: an algorithm this kernel lacks, a size of 0 or beyond \
        reason, a priority outside -1...32767, or a device that does not exist is refused (exit 64) and nothing \
        changes. A setup that fails part-way is rolled back. Devices that are swap or mounted are not reset or \
        removed unless you say so (--force for swap; unmount first for mounts). Use --dry-run to see the writes.
        """,
        subcommands: [ZramAddCommand.self, ZramSetCommand.self, ZramResetCommand.self, ZramRemoveCommand.self,
                      ZramIdleCommand.self, ZramWritebackCommand.self, ZramRecompressCommand.self]
    )
}
