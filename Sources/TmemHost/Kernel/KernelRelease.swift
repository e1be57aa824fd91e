import TmemCore

/// The running kernel's release (`/proc/sys/kernel/osrelease`, e.g. `6.18.44-fc-v595`).
public enum KernelRelease {
    public static func read(root: SystemRoot) -> String? {
        (try? root.read("proc/sys/kernel/osrelease"))?.trimmingWhitespace()
    }
}
