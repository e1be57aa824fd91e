import ArgumentParser

/// `tmemctl config`: the declarative configuration (zram-generator's format, extended).
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show, check and import the configuration (tmemctl.conf, or zram-generator.conf when there is none).",
        discussion: """
        tmemctl reads the first of /run, /etc, /usr/local/lib and /usr/lib tmemctl/tmemctl.conf, then the drop-ins \
        tmemctl/tmemctl.conf.d/*.conf of /usr/lib, /usr/local/lib, /etc and /run by file name. Without any tmemctl \
        file it reads zram-generator's systemd/zram-generator.conf and its .conf.d the same way.
        """,
        subcommands: [ConfigShowCommand.self, ConfigCheckCommand.self, ConfigImportCommand.self, ConfigWantsCommand.self]
    )
}

/// Where the configuration comes from, shared by config show/check (and plan/apply).
struct ConfigFileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read only FILE (no search, no drop-ins).", valueName: "FILE"))
    var config: String?
}
