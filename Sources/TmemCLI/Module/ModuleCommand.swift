import ArgumentParser

struct ModuleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "module",
        abstract: "Show whether zram is built in, loaded or loadable, and load it with options.",
        discussion: """
        tmemctl reads module state from the kernel (/sys/module/NAME/initstate, /proc/modules, modules.builtin, \
        the kernel config) and loads modules through libkmod, as modprobe does: dependencies from modules.dep \
        first, `options` and `blacklist` lines from modprobe.d honored. A built-in zram takes its options only \
        from the kernel command line (zram.num_devices=N); more devices can always be added with \
        `tmemctl zram add`, which also loads zram by itself when it is a module that is not loaded yet.
        """,
        subcommands: [ModuleStatusCommand.self, ModuleLoadCommand.self]
    )
}
