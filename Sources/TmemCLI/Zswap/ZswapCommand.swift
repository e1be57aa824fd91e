import ArgumentParser

struct ZswapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zswap",
        abstract: "Show and change zswap's parameters, save and restore them.",
        discussion: """
        zswap is a compressed cache in front of swap, configured through /sys/module/zswap/parameters. Only the \
        parameters this kernel has are shown and accepted (6.18 has no zpool; 5.15/6.1 had the same_filled flags). \
        Every write is read back.
        """,
        subcommands: [ZswapShowCommand.self, ZswapSetCommand.self, ZswapRestoreCommand.self]
    )
}
