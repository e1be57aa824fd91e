import ArgumentParser
import TmemControl
import TmemHost

/// Turns the layers' errors into the CLI's exit codes: bad input found while planning is a usage error (64),
/// anything the kernel refused is a runtime failure (1). The message goes to stderr either way.
enum CommandErrors {
    static func reporting(_ body: () throws -> Void) throws {
        do { try body() } catch let e as InvalidRequest {
            Output.diagnostic("tmemctl: \(e)")
            throw ExitCode(64)
        } catch let e as Interrupted {
            Output.diagnostic("tmemctl: \(e)")
            throw ExitCode(e.exitCode)
        } catch let e as ExitCode {
            throw e
        } catch let e as ValidationError {
            throw e
        } catch {
            Output.diagnostic("tmemctl: \(error)")
            throw ExitCode.failure
        }
    }
}
