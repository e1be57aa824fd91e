import TmemHost

/// Checks that need the running kernel's facts: the algorithms its zram offers. The kernel is "known" when a
/// zram device exists to read comp_algorithm from; otherwise nothing is said (a fake root holding only
/// configuration, or a host before zram is loaded).
public enum ConfigKernelCheck {
    public static func offeredAlgorithms(root: SystemRoot) -> [String]? {
        guard let device = ZramControl(root: root).devices().first, let list = try? device.algorithms() else { return nil }
        return list.available
    }

    public static func algorithms(_ config: TmemConfig, root: SystemRoot) -> [ConfigDiagnostic] {
        guard let offered = offeredAlgorithms(root: root) else { return [] }
        var out: [ConfigDiagnostic] = []
        for d in config.sortedDevices {
            guard let c = d.compression else { continue }
            for a in c.value.algorithms where !offered.contains(a.name) {
                out.append(ConfigDiagnostic(.error, c.origin, key: "compression-algorithm",
                    "\(a.name) is not offered by this kernel's zram (available: \(offered.joined(separator: " ")))"))
            }
        }
        return out
    }
}
