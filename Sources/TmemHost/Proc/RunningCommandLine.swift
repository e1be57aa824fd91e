/// The command line the running kernel was booted with (`/proc/cmdline`), as one line of text.
public enum RunningCommandLine {
    public static let relativePath = "proc/cmdline"
    public static var kernelPath: String { SystemRoot.kernelName(relativePath) }

    public static func path(root: SystemRoot) -> String { root.absolute(relativePath) }

    /// nil when it cannot be read (a fake root without one).
    public static func read(root: SystemRoot) -> String? { try? root.read(relativePath) }
}
