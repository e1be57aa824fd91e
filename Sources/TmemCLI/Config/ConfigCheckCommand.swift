import ArgumentParser
import TmemControl
import TmemHost

/// `tmemctl config check`: every error at once, as `FILE:LINE: key: what is wrong`; exit 64 when there is one.
struct ConfigCheckCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the configuration; exit 64 listing every error as FILE:LINE: key: what is wrong.",
        discussion: """
        Sizes are evaluated against this host's MemTotal and kernel command line (under --root, that root's). \
        Where the kernel is known (a zram device exists to ask), an algorithm it lacks is an error naming the ones it has.
        """
    )
    static var errorPrefix: String { "tmemctl config check" }

    @OptionGroup var rootOptions: RootOptions
    @OptionGroup var source: ConfigFileOptions

    func execute() throws {
        let root = rootOptions.systemRoot
        let config = ConfigReader(root: root).read(configFile: source.config)
        var diagnostics = config.diagnostics
        if config.errors.isEmpty {
            do {
                let resolution = try ConfigResolver(root: root).resolve(config)
                diagnostics += resolution.diagnostics
            } catch {
                diagnostics.append(ConfigDiagnostic(.warning, ConfigOrigin(file: MemInfo.path(root: root), line: 0), key: nil,
                                                    "sizes not evaluated: \(error)"))
            }
        }
        diagnostics += ConfigKernelCheck.algorithms(config, root: root)
        for d in diagnostics where d.severity == .warning { Output.diagnostic("warning: \(d)") }
        let errors = diagnostics.filter { $0.severity == .error }
        for d in errors { Output.diagnostic("\(d)") }
        if !errors.isEmpty { throw ExitCode(64) }
        let files = config.sources.files.map(\.displayPath)
        print(files.isEmpty ? "no configuration file; nothing to check" : "ok: \(files.joined(separator: ", "))")
    }
}
