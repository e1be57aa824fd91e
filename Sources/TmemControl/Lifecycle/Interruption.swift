import TmemHost

/// SIGINT, SIGTERM or SIGHUP arrived while a run had the live kernel half-configured. Raised at the next
/// checkpoint so that the run's cleanup undoes everything before the command exits.
public struct Interrupted: Error, CustomStringConvertible, Sendable {
    public let signal: Int32
    /// Undo actions that failed while the run was being unwound: what is still left behind.
    public var cleanupFailures: [String]

    public init(signal: Int32, cleanupFailures: [String] = []) {
        self.signal = signal
        self.cleanupFailures = cleanupFailures
    }

    public var description: String {
        if cleanupFailures.isEmpty { return "interrupted by signal \(signal); everything created was removed" }
        return "interrupted by signal \(signal); cleanup FAILED, remove these by hand: "
            + cleanupFailures.joined(separator: "; ")
    }
    /// The shell convention for death by signal.
    public var exitCode: Int32 { 128 + signal }
}

/// While a run changes the live kernel, signals only set a flag; `check()` turns the flag into `Interrupted`.
public enum Interruption {
    /// Also clears a signal left over from an earlier run in this process.
    public static func install() { TerminationSignals.install() }
    public static func restore() { TerminationSignals.restore() }

    public static var pending: Int32? { TerminationSignals.pending }

    public static func check() throws(Interrupted) {
        if let s = pending { throw Interrupted(signal: s) }
    }
}
