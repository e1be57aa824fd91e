import TmemCore

/// Seconds since boot (`/proc/uptime`'s first field, the boot-time clock zram's access times use; suspend
/// included, `date -s` not). Whole seconds, rounded down; nil when unreadable.
public enum Uptime {
    public static func seconds(root: SystemRoot) -> UInt64? {
        guard let text = try? root.read("proc/uptime"), let first = text.split(separator: " ").first else { return nil }
        let whole = first.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
        return UInt64(whole)
    }
}
