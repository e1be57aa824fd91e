import TmemCore

/// This boot's random id (`/proc/sys/kernel/random/boot_id`), which changes at every boot: a counter recorded
/// under one boot id means nothing under another.
public enum BootID {
    public static func read(root: SystemRoot) -> String? {
        (try? root.read("proc/sys/kernel/random/boot_id"))?.trimmingWhitespace()
    }
}
