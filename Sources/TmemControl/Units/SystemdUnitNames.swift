import TmemHost

/// systemd's unit-name rules for what the generator writes (systemd.unit(5) "String Escaping", systemd-escape(1)).
public enum SystemdUnitNames {
    /// `systemd-escape --path`: slashes at the ends dropped, runs of slashes as one, `/` becomes `-`, every byte
    /// outside `[A-Za-z0-9:_.]` (and a leading `.`) becomes `\xNN`; the root directory is `-`.
    public static func escapePath(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.isEmpty else { return "-" }
        var out = ""
        for (i, part) in parts.enumerated() {
            if i > 0 { out += "-" }
            for (j, byte) in part.utf8.enumerated() {
                let c = Character(Unicode.Scalar(byte))
                let plain = byte < 0x80 && (c.isLetter || c.isNumber || c == ":" || c == "_" || (c == "." && !(i == 0 && j == 0)))
                out += plain ? String(c) : "\\x" + String(byte, radix: 16).leftPadded(to: 2)
            }
        }
        return out
    }

    /// The `.mount` unit for a mount point.
    public static func mountUnit(_ point: String) -> String { escapePath(point) + ".mount" }

    /// The `.swap` unit for `/dev/NAME` (`dev-zram0.swap`).
    public static func swapUnit(device: String) -> String { escapePath(ZramDevice.kernelNodeName(named: device)) + ".swap" }

    /// A value in a unit file: `%` starts a specifier, so a literal one is written `%%`.
    public static func escapeSpecifiers(_ value: String) -> String {
        value.split(separator: "%", omittingEmptySubsequences: false).joined(separator: "%%")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
