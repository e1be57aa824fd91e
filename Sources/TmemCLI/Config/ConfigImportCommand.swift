import ArgumentParser
import TmemControl
import TmemHost

extension ConfigImport.Source: ExpressibleByArgument {}

/// `tmemctl config import --from TOOL [FILE] [-o OUT [--force]]`.
struct ConfigImportCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write the tmemctl configuration equivalent to zram-tools', zswap-cli's or zram-generator's.",
        discussion: """
        FILE defaults to /etc/default/zramswap (zram-tools), /etc/zswap-cli/zswap-cli.conf (zswap-cli), or \
        zram-generator's files found as zram-generator finds them. The result goes to stdout, or to -o FILE, \
        which is created (0644) and never overwritten without --force. What cannot be carried over is said on stderr.
        """
    )
    static var errorPrefix: String { "tmemctl config import" }

    @OptionGroup var rootOptions: RootOptions
    @Option(name: .long, help: "The tool whose configuration to import: \(ConfigImport.Source.allCases.map(\.rawValue).joined(separator: ", ")).")
    var from: ConfigImport.Source
    @Argument(help: "The file to import (default: the tool's own).") var file: String?
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to FILE instead of stdout.", valueName: "FILE"))
    var output: String?
    @Flag(name: .long, help: "Replace an existing -o FILE.") var force = false

    func validate() throws {
        if force && output == nil { throw ValidationError("--force only applies with -o FILE") }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        let result: ConfigImport.Result
        switch from {
        case .zramGenerator:
            let reader = ConfigReader(root: root)
            result = ConfigImport.fromZramGenerator(file.map { reader.read(configFile: $0) }
                                                    ?? reader.read(ConfigSources.locate(.zramGenerator, root: root)))
        case .zramTools, .zswapCli:
            let relative = from.defaultPath!
            let shown = file ?? "/" + relative
            let text: String
            do {
                text = try file.map { try SystemRoot("/").read($0) } ?? (try root.read(relative))
            } catch {
                throw CommandFailure("config import: cannot read \(shown): \(ErrnoName.describe(error)) (give the file to import as an argument)")
            }
            result = from == .zramTools ? ConfigImport.fromZramTools(text, origin: shown) : ConfigImport.fromZswapCli(text, origin: shown)
        }
        for n in result.notes { Output.diagnostic("note: \(n)") }
        guard let output else { print(result.text, terminator: ""); return }
        try ExclusiveFile.write(output, result.text, mode: 0o644, replacing: force)
        Output.diagnostic("wrote \(output)")
    }
}
