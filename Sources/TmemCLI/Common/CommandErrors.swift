import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import TmemControl
import TmemHost

/// A tmemctl command: it does its work in `execute()`, and `run()` sends every error through the one error path,
/// `CommandErrors.reporting`. New commands conform to this instead of implementing `run()`.
protocol TmemCommand: ParsableCommand {
    /// What prefixes the command's error messages (`tmemctl verify: ...`).
    static var errorPrefix: String { get }
    func execute() throws
}

extension TmemCommand {
    static var errorPrefix: String { "tmemctl" }

    mutating func run() throws {
        let body = self
        try CommandErrors.reporting(Self.errorPrefix) { try body.execute() }
    }
}

/// A failure the command itself decides on (a refused state, a round trip that failed): exit status 1 with this
/// message on stderr.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Turns the layers' errors into the CLI's exit codes, the one place that does:
///   64  bad input found while planning (`InvalidRequest`), as ArgumentParser does for `ValidationError`;
///   1   anything the kernel or the host refused, a `CommandFailure`, any other error;
///   128 + signal  an interrupted run, as a shell reports it;
///   an `ExitCode` thrown on purpose (1 for a verify mismatch, 2 for `--check` changes) passes unchanged.
/// The message goes to stderr, results stay on stdout.
enum CommandErrors {
    /// `command` prefixes the message (`tmemctl verify: ...`).
    @discardableResult
    static func reporting<T>(_ command: String = "tmemctl", _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as InvalidRequest {
            Output.diagnostic("\(command): \(e)")
            throw ExitCode(64)
        } catch let e as Interrupted {
            Output.diagnostic("\(command): \(e)")
            throw ExitCode(e.exitCode)
        } catch let e as ExitCode {
            throw e
        } catch let e as ValidationError {
            throw e
        } catch {
            Output.diagnostic("\(command): \(userText(error))")
            throw ExitCode.failure
        }
    }

    /// Foundation's own wording ("The file doesn't exist.") never reaches the user: a Foundation file error is
    /// shown as the path and the errno name, as every other error is.
    static func userText(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return ErrnoName.of(raw: posix.code.rawValue) }
        guard let cocoa = error as? CocoaError else { return ErrnoName.describe(error) }
        let path = cocoa.filePath ?? cocoa.url?.path
        let what = (cocoa.underlying as? POSIXError).map { ErrnoName.of(raw: $0.code.rawValue) } ?? "file error \(cocoa.code.rawValue)"
        return (path.map { "\($0): " } ?? "") + what
    }
}
