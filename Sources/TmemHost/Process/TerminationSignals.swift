import CShimSystem

/// SIGINT, SIGTERM and SIGHUP turned into a flag (the handlers only store the signal number), so a run that has
/// the live kernel half-configured can finish its cleanup instead of dying mid-write.
public enum TerminationSignals {
    /// Installs the flag-setting handlers; also clears a signal left over from an earlier run in this process.
    public static func install() { cshim_interrupt_install() }
    /// Puts back the handlers that were there before `install()`.
    public static func restore() { cshim_interrupt_restore() }

    /// The first signal caught since `install()`, or nil.
    public static var pending: Int32? {
        let s = cshim_interrupt_signal()
        return s == 0 ? nil : s
    }
}
