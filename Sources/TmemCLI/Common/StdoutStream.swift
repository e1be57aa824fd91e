import TmemHost
// Only stdio here (no Foundation, which imports Glibc without @preconcurrency): C's `stdout` is a mutable global.
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Every result on stdout goes through this function (it shadows `Swift.print` in TmemCLI), so that a failed write
/// is remembered with its errno; `Output.checkStdoutAtExit` turns it into exit 1 with a message, as util-linux's
/// tools do (`zramctl > /dev/full`: "write error").
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Output.write(items.map { String(describing: $0) }.joined(separator: separator) + terminator)
}

extension Output {
    /// The errno of the first failed write to stdout; 0 while none failed. Only the main thread prints.
    nonisolated(unsafe) private static var stdoutErrno: CInt = 0

    static func write(_ text: String) {
        if fputs(text, stdout) == EOF { noteStdoutFailure() }
    }

    private static func noteStdoutFailure() {
        // The buffered stream fails on the write(2) it makes when its buffer fills, with that call's errno.
        if stdoutErrno == 0 { stdoutErrno = errno == 0 ? EIO : errno }
    }

    /// Pushes buffered results to stdout now; throws when they could not be written (or an earlier write failed).
    /// A command that has to undo work when its result cannot be delivered calls this before it lets go of its
    /// signal handlers.
    static func flush() throws(StdoutWriteError) {
        if fflush(stdout) != 0 { noteStdoutFailure() }
        guard stdoutErrno != 0 || ferror(stdout) != 0 else { return }
        // The caller reports it (the one error path); the exit check only keeps the status.
        reported = true
        throw StdoutWriteError(errno: stdoutErrno)
    }

    /// Set once a failed write was reported through the error path, so the exit check does not say it twice.
    nonisolated(unsafe) private static var reported = false

    /// Drops results that were not delivered (the run undid what they describe): nothing more reaches stdout,
    /// and the failed write is no longer an error of its own.
    static func withdrawPendingResults() {
        StandardOutput.discardFurtherOutput()
        clearerr(stdout)
        stdoutErrno = 0
        reported = false
    }

    /// The message for results that did not reach stdout.
    static func writeErrorMessage(errno e: CInt) -> String {
        "tmemctl: " + StdoutWriteError(errno: e).description
    }

    /// Registered with atexit(3) by `Tmemctl.mainDispatchingOnName`: whatever path the run took (results, help,
    /// an error), results that stdio could not write make the exit status 1 with a message on stderr.
    static let checkStdoutAtExit: @convention(c) () -> Void = {
        let failedBefore = Output.stdoutErrno != 0 || ferror(stdout) != 0
        var known: CInt = Output.stdoutErrno
        if fflush(stdout) != 0, known == 0 { known = errno }
        guard failedBefore || known != 0 || ferror(stdout) != 0 else { return }
        if Output.reported { _exit(1) }
        let text = Output.writeErrorMessage(errno: known) + "\n"
        _ = text.withCString { Glibc.write(2, $0, strlen($0)) }
        // exit(3) is already running: only _exit may end the process from here.
        _exit(1)
    }
}

/// Results that did not reach stdout (the errno of the failed write, 0 when stdio no longer knows it).
struct StdoutWriteError: Error, CustomStringConvertible {
    var errno: CInt
    var description: String {
        "write error on stdout" + (errno == 0 ? "" : ": \(ErrnoName.of(raw: errno))") + " (the results were not all written)"
    }
}
