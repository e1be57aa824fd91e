/// Sizes as zramctl prints them: binary units with a one-letter suffix and at most one decimal (`1.5G`, `256M`,
/// `0B`), or plain bytes with `--bytes`.
enum HumanSize {
    static func format(_ bytes: UInt64, exact: Bool) -> String {
        if exact { return "\(bytes)" }
        if bytes < 1024 { return "\(bytes)B" }
        let units = ["K", "M", "G", "T", "P", "E"]
        var unit = 0
        var tenths = (Double(bytes) / 1024 * 10).rounded()
        // Move up while the rounded value would print as 1024 or more (1,073,737,728 bytes is "1G", not "1024M").
        while tenths >= 10240 && unit < units.count - 1 {
            unit += 1
            tenths = (Double(bytes) / Double(UInt64(1) << (10 * UInt64(unit + 1))) * 10).rounded()
        }
        let t = Int(tenths)
        return t % 10 == 0 ? "\(t / 10)\(units[unit])" : "\(t / 10).\(t % 10)\(units[unit])"
    }
}
