import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// ArgumentParser runs a command's value transforms and `validate()` before it looks for options it does not
/// know, so `zram add --priority 5 --frob` used to answer "--priority applies to swap". A misspelt option is
/// the first thing to fix: this finds it from the command tree (ArgumentParser's own description of every
/// command's options), so the usage error can name it first.
enum UnknownOptions {
    /// The part of ArgumentParser's `--experimental-dump-help` document this needs.
    struct Node: Decodable {
        struct Argument: Decodable {
            struct Name: Decodable {
                var kind: String?
                var name: String?
            }
            var kind: String?
            var names: [Name]?
        }
        var commandName: String?
        var arguments: [Argument]?
        var subcommands: [Node]?
    }

    struct Document: Decodable {
        var command: Node
    }

    static let builtIn: [String: Bool] = ["--help": false, "-h": false, "--version": false,
                                          "--experimental-dump-help": false, "--generate-completion-script": true]

    /// The first unknown option in `arguments` (without the program name), with the command it was given to.
    static func first(in arguments: [String]) -> (option: String, command: ParsableCommand.Type, path: [String])? {
        guard let doc = try? JSONDecoder().decode(Document.self, from: Data(Tmemctl._dumpHelp().utf8)) else { return nil }
        var node = doc.command
        var type: ParsableCommand.Type = Tmemctl.self
        var path: [String] = ["tmemctl"]
        var options = spellings(node)
        var i = 0
        var positionalSeen = false
        while i < arguments.count {
            let a = arguments[i]
            i += 1
            if a == "--" { break }
            if a.hasPrefix("--") {
                let name = String(a.split(separator: "=", maxSplits: 1)[0])
                guard let takesValue = options[name] ?? builtIn[name] else { return (name, type, path) }
                if takesValue && !a.contains("=") { i += 1 }
                continue
            }
            if a.hasPrefix("-"), a.count > 1, a.dropFirst().first!.isLetter {
                // Short options, maybe several flags together (-nb) or a value attached (-oNAME).
                for (k, ch) in a.dropFirst().enumerated() {
                    let name = "-\(ch)"
                    guard let takesValue = options[name] ?? builtIn[name] else { return (name, type, path) }
                    if takesValue {
                        if k == a.count - 2 { i += 1 }
                        break
                    }
                }
                continue
            }
            // A positional: the next subcommand while no argument of this command has been seen.
            if !positionalSeen, let sub = node.subcommands?.first(where: { $0.commandName == a }),
               let subType = type.configuration.subcommands.first(where: { $0._commandName == a }) {
                node = sub
                type = subType
                path.append(a)
                options = spellings(node)
                continue
            }
            positionalSeen = true
        }
        return nil
    }

    private static func spellings(_ command: Node) -> [String: Bool] {
        var out: [String: Bool] = [:]
        for arg in command.arguments ?? [] {
            guard arg.kind == "option" || arg.kind == "flag" else { continue }
            for n in arg.names ?? [] {
                guard let name = n.name else { continue }
                let dashes = n.kind == "long" ? "--" : "-"
                out[dashes + name] = arg.kind == "option"
            }
        }
        return out
    }
}

extension Tmemctl {
    /// ParsableCommand.main, except that an unknown option is reported before any other usage error.
    static func runChecked(_ arguments: [String]) -> Never {
        if let status = StatusCommand.fastPath(arguments) {
            do {
                try CommandErrors.reporting(StatusCommand.errorPrefix) { try status.show() }
                exit()
            } catch {
                exit(withError: error)
            }
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            exit()
        } catch {
            if exitCode(for: error) == .validationFailure, let unknown = UnknownOptions.first(in: arguments) {
                let name = unknown.path.joined(separator: " ")
                Output.diagnostic("Error: Unknown option '\(unknown.option)'\n"
                    + "Usage: \(usageString(for: unknown.command))\n"
                    + "  See '\(name) --help' for more information.")
                exit(withError: ExitCode.validationFailure)
            }
            exit(withError: error)
        }
    }
}
