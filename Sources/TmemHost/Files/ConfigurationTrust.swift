#if canImport(Glibc)
import Glibc
#endif

/// tmemctl runs as root at boot and from udev, reading configuration that decides what it writes into the
/// kernel: a file another user can change (owned by someone else, or group/world-writable) would let that user
/// steer root. The same rule as ModprobeConfigTrust, for tmemctl's own configuration and a `ratio-from` corpus.
public enum ConfigurationTrust {
    /// Why a file with this status is not trusted, or nil. `checkOwner` is false under a fake root, whose trees
    /// belong to whoever built them; the mode is checked there too.
    public static func problem(_ st: stat, checkOwner: Bool) -> String? {
        if checkOwner && st.st_uid != 0 {
            return "owned by uid \(st.st_uid), not root (mode \(modeText(st))); chown root: it"
        }
        if st.st_mode & (S_IWGRP | S_IWOTH) != 0 {
            return "writable by \(st.st_mode & S_IWOTH != 0 ? "others" : "its group") (mode \(modeText(st))); chmod go-w it"
        }
        return nil
    }

    static func modeText(_ st: stat) -> String { "0" + String(st.st_mode & 0o7777, radix: 8) }
}
