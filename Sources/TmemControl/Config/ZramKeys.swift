import TmemCore

/// The keys of a `[zramN]` section, each accepted exactly as zram-generator accepts it (1.1.2, plus the 1.2
/// keys `zram-resident-limit` and `compression-algorithm`'s `algo(params)` form), and tmemctl's `ratio-from`.
enum ZramKeys {
    /// Names a size expression may use: zram-size knows `ram`; the resident limit also `disksize` and `ratio`.
    static let sizeNames: Set<String> = ["ram"]
    static let residentLimitNames: Set<String> = ["ram", "disksize", "ratio"]

    static func apply(_ p: ConfigIniProperty, origin: ConfigOrigin, to dev: inout ZramDeviceConfig,
                      diagnostics: inout [ConfigDiagnostic]) {
        let v = p.value
        func error(_ message: String) { diagnostics.append(ConfigDiagnostic(.error, origin, key: p.key, message)) }
        func sourced<T>(_ x: T) -> Sourced<T> { Sourced(x, origin: origin, text: v) }

        switch p.key {
        case "host-memory-limit", "memory-limit":
            guard let limit = ConfigValueParsing.optionalSize(v) else {
                return error("'\(v)' is not a size: give whole MB (e.g. 8192) or none")
            }
            dev.hostMemoryLimit = sourced(limit)
        case "zram-size":
            guard let f = formula(v, allowed: sizeNames, error: error) else { return }
            dev.zramSize = sourced(f)
        case "zram-resident-limit":
            guard let f = formula(v, allowed: residentLimitNames, error: error) else { return }
            dev.residentLimit = sourced(f)
        case "ratio-from":
            guard v.hasPrefix("/") else { return error("'\(v)' must be an absolute path to a corpus (tmemctl corpus capture)") }
            dev.ratioFrom = sourced(v)
        case "compression-algorithm":
            let algos = CompressionAlgorithms(parsing: v)
            if algos.algorithms.count > 4 {
                return error("\(algos.algorithms.count) algorithms: the kernel takes a primary and at most 3 for recompression")
            }
            if let bad = algos.algorithms.first(where: { !$0.name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } }) {
                return error("'\(bad.name)' is not an algorithm name")
            }
            dev.compression = sourced(algos)
        case "writeback-device":
            switch ConfigValueParsing.absolutePath(v) {
            case .success(let path): dev.writebackDevice = sourced(path)
            case .failure(let why): error(why)
            }
        case "swap-priority":
            guard let n = ConfigValueParsing.rustI32(v) else { return error("'\(v)' is not a whole number") }
            // swapon(8) --priority: -1 lets the kernel choose, else 0...32767.
            guard (-1...32767).contains(n) else { return error("\(n) is out of range: give -1 or 0...32767 (swapon --priority)") }
            dev.swapPriority = sourced(Int(n))
        case "mount-point":
            switch ConfigValueParsing.absolutePath(v) {
            case .success(let path): dev.mountPoint = sourced(path)
            case .failure(let why): error(why)
            }
        case "fs-type":
            dev.fsType = sourced(v)
        case "options":
            dev.options = sourced(v)
        case "zram-fraction":
            guard let f = ConfigValueParsing.rustF64(v) else { return error("'\(v)' is not a number") }
            guard f >= 0 else { return error("zram-fraction=\(f) < 0") }
            dev.zramFraction = sourced(f)
        case "max-zram-size":
            guard let m = ConfigValueParsing.optionalSize(v) else {
                return error("'\(v)' is not a size: give whole MB (e.g. 4096) or none")
            }
            dev.maxZramSize = sourced(m)
        default:
            diagnostics.append(ConfigDiagnostic(.warning, origin, key: p.key, "unknown key in [\(dev.name)], ignored"))
        }
    }

    private static func formula(_ v: String, allowed: Set<String>, error: (String) -> Void) -> SizeFormula? {
        do {
            let f = try SizeFormula(parsing: v)
            let unknown = f.names.subtracting(allowed).sorted()
            if !unknown.isEmpty {
                error("'\(unknown.joined(separator: "', '"))' is not defined here (known: \(allowed.sorted().joined(separator: ", ")))")
                return nil
            }
            return f
        } catch let why {
            error("'\(v)': \(why)")
            return nil
        }
    }
}
