import ArgumentParser
import TmemControl
import TmemHost

/// Turns the layers' errors into the CLI's exit codes: bad input found while planning is a usage error (64),
/// anything the kernel refused is a runtime failure (1). The message goes to stderr either way.
/// An interrupted run exits 128 + the signal, as a shell reports it.
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
            Output.diagnostic("\(command): \(error)")
            throw ExitCode.failure
        }
    }
}
