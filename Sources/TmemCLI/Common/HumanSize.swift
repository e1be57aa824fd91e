/// Sizes as zramctl prints them: binary units with a one-letter suffix and at most one decimal (`1.5G`, `256M`,
/// `0B`), or plain bytes with `--bytes`.
enum HumanSize {
    static func format(_ bytes: UInt64, exact: Bool) -> String {
        if exact { return "\(bytes)" }
        let units = ["B", "K", "M", "G", "T", "P", "E"]
        var unit = 0
        var whole = bytes
        while whole >= 1024 && unit < units.count - 1 {
            whole /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes)B" }
        let divisor = Double(UInt64(1) << (10 * UInt64(unit)))
        let tenths = (Double(bytes) / divisor * 10).rounded()
        if tenths.truncatingRemainder(dividingBy: 10) == 0 { return "\(Int(tenths / 10))\(units[unit])" }
        return "\(Int(tenths) / 10).\(Int(tenths) % 10)\(units[unit])"
    }
}
