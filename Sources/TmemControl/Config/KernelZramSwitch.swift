/// The kernel command line's `systemd.zram` as zram-generator reads it: the last word that starts with
/// `systemd.zram` and has a value it understands wins; `systemd.zram`, `=1`, `=yes`, `=true`, `=on` create zram0
/// with defaults unless configured, `=0`, `=no`, `=false`, `=off` turn every device off.
public enum KernelZramSwitch {
    public static func parse(_ cmdline: String) -> Bool? {
        for word in cmdline.split(whereSeparator: { $0.isWhitespace }).reversed() where word.hasPrefix("systemd.zram") {
            switch word.dropFirst("systemd.zram".count) {
            case "", "=1", "=yes", "=true", "=on": return true
            case "=0", "=no", "=false", "=off": return false
            default: continue
            }
        }
        return nil
    }
}
