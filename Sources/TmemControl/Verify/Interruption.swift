import CShim

/// SIGINT, SIGTERM or SIGHUP arrived while a run had the live kernel half-configured. Raised at the next
/// checkpoint so that the run's cleanup undoes everything before the command exits.
public struct Interrupted: Error, CustomStringConvertible, Sendable {
    public let signal: Int32
    public var description: String { "interrupted by signal \(signal); everything created was removed" }
    /// The shell convention for death by signal.
    public var exitCode: Int32 { 128 + signal }
}

/// While a run changes the live kernel, signals only set a flag; `check()` turns the flag into `Interrupted`.
public enum Interruption {
    public static func install() { cshim_interrupt_install() }
    public static func restore() { cshim_interrupt_restore() }

    public static var pending: Int32? {
        let s = cshim_interrupt_signal()
        return s == 0 ? nil : s
    }

    public static func check() throws(Interrupted) {
        if let s = pending { throw Interrupted(signal: s) }
    }
}
