import ArgumentParser
import Testing

/// The usage error `arguments` produce: the message ArgumentParser prints, or nil when they parse. A parse that
/// fails some other way (not exit 64) is returned as that exit code, so a test naming the message fails on it.
func usageError<C: ParsableCommand>(_ command: C.Type, _ arguments: [String]) -> String? {
    do {
        _ = try command.parseAsRoot(arguments)
        return nil
    } catch {
        let code = command.exitCode(for: error)
        guard code == .validationFailure else { return "exit \(code.rawValue): \(command.message(for: error))" }
        return command.message(for: error)
    }
}


/// Expects `arguments` to be refused with a usage error (exit 64) whose message contains `fragment`.
func expectUsageError<C: ParsableCommand>(_ command: C.Type, _ arguments: [String], saying fragment: String,
                                          sourceLocation: SourceLocation = #_sourceLocation) {
    let message = usageError(command, arguments)
    #expect(message?.contains(fragment) == true, "\(arguments): \(message ?? "accepted")", sourceLocation: sourceLocation)
}
