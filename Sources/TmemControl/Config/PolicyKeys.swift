import TmemCore
import TmemHost

/// The keys of tmemctl's own sections: `[zswap]`, `[sysctl]` and `[boot]`.
enum PolicyKeys {
    static func zswap(_ p: ConfigIniProperty, origin: ConfigOrigin, to z: inout ZswapConfig,
                      diagnostics: inout [ConfigDiagnostic]) {
        let v = p.value
        func error(_ m: String) { diagnostics.append(ConfigDiagnostic(.error, origin, key: p.key, m)) }
        func sourced<T>(_ x: T) -> Sourced<T> { Sourced(x, origin: origin, text: v) }
        switch p.key {
        case "enabled", "shrinker-enabled":
            guard let b = ConfigValueParsing.bool(v) else { return error("'\(v)' is not a boolean: give yes or no") }
            if p.key == "enabled" { z.enabled = sourced(b) } else { z.shrinkerEnabled = sourced(b) }
        case "compressor":
            guard !v.isEmpty, v.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                return error("'\(v)' is not a compressor name")
            }
            z.compressor = sourced(v)
        case "max-pool-percent", "accept-threshold-percent":
            guard let n = Int(v), (0...100).contains(n) else { return error("'\(v)' is not a percentage: give 0...100") }
            if p.key == "max-pool-percent" { z.maxPoolPercent = sourced(n) } else { z.acceptThresholdPercent = sourced(n) }
        case "with-zram-swap":
            guard let w = DesiredState.Zswap.WithZramSwap(rawValue: v) else {
                return error("'\(v)' is not one of: \(DesiredState.Zswap.WithZramSwap.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            z.withZramSwap = sourced(w)
        default:
            diagnostics.append(ConfigDiagnostic(.warning, origin, key: p.key, "unknown key in [zswap], ignored"))
        }
    }

    /// vm.page-cluster is capped at 31 by the kernel (mm/swap.c page_cluster_max, docs/kernel-notes.md#sysctl).
    static func sysctl(_ p: ConfigIniProperty, origin: ConfigOrigin, to s: inout SysctlConfig,
                       diagnostics: inout [ConfigDiagnostic]) {
        let v = p.value
        func error(_ m: String) { diagnostics.append(ConfigDiagnostic(.error, origin, key: p.key, m)) }
        switch p.key {
        case "vm.swappiness":
            guard let n = Int(v), (0...200).contains(n) else { return error("'\(v)' is out of range: give 0...200") }
            s.swappiness = Sourced(n, origin: origin, text: v)
        case "vm.page-cluster":
            guard let n = Int(v), (0...31).contains(n) else { return error("'\(v)' is out of range: give 0...31 (log2 of pages per swap read)") }
            s.pageCluster = Sourced(n, origin: origin, text: v)
        default:
            diagnostics.append(ConfigDiagnostic(.warning, origin, key: p.key,
                "unknown key in [sysctl], ignored (tmemctl manages vm.swappiness and vm.page-cluster)"))
        }
    }

    static func boot(_ p: ConfigIniProperty, origin: ConfigOrigin, root: SystemRoot, to b: inout BootConfig,
                     diagnostics: inout [ConfigDiagnostic]) {
        let v = p.value
        if p.key == "target" {
            guard let t = BootTarget(rawValue: v), t != .modprobe else {
                diagnostics.append(ConfigDiagnostic(.error, origin, key: p.key, "'\(v)' is not one of: auto, grub, kernel-cmdline"))
                return
            }
            b.target = Sourced(t, origin: origin, text: v)
            return
        }
        guard let param = BootParameter(name: p.key) else {
            diagnostics.append(ConfigDiagnostic(.warning, origin, key: p.key,
                "unknown key in [boot], ignored (known: target, \(BootParameter.allCases.map(\.rawValue).joined(separator: ", ")))"))
            return
        }
        var warnings: [String] = []
        do {
            let value = try param.validated(v, root: root, warnings: &warnings)
            b.parameters[param] = Sourced(value, origin: origin, text: v)
        } catch {
            diagnostics.append(ConfigDiagnostic(.error, origin, key: p.key, error.message))
        }
        for w in warnings { diagnostics.append(ConfigDiagnostic(.warning, origin, key: p.key, w)) }
    }
}
