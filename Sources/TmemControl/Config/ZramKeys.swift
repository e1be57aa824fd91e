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
            if v.hasPrefix("file:") {
                let parts = v.dropFirst(5).split(separator: " ", omittingEmptySubsequences: true)
                guard parts.count == 2, let size = ConfigValueParsing.byteSize(String(parts[1])), size >= 1 << 20 else {
                    return error("'\(v)': give file:PATH SIZE, such as file:/var/lib/zram-backing 4G (at least 1M)")
                }
                // The loop device has 4096-byte blocks (zram writes whole pages): the file holds whole blocks.
                guard size % 4096 == 0 else {
                    return error("'\(v)': the size must be a multiple of 4096 bytes (\(size) is not; \(size / 4096 * 4096) is)")
                }
                switch ConfigValueParsing.absolutePath(String(parts[0])) {
                case .success(let path): dev.writebackDevice = sourced(.file(path: path, sizeBytes: size))
                case .failure(let why): error(why)
                }
                return
            }
            switch ConfigValueParsing.absolutePath(v) {
            case .success(let path): dev.writebackDevice = sourced(.block(path))
            case .failure(let why): error(why)
            }
        case "writeback-encrypt":
            guard let b = ConfigValueParsing.bool(v) else { return error("'\(v)' is not yes or no") }
            dev.writebackEncrypt = sourced(b)
        case "idle-age":
            switch IdleAge.parse(v) {
            case .success(let a): dev.idleAge = sourced(a)
            case .failure(let why): error(why.description)
            }
        case "writeback-budget":
            guard let b = ConfigValueParsing.byteSize(v) else {
                return error("'\(v)' is not a size: give bytes per day with an optional K, M, G or T (e.g. 256M)")
            }
            dev.writebackBudget = sourced(b)
        case "writeback-types":
            let words = v.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            let types = words.compactMap(ZramWritebackType.init(rawValue:))
            guard !words.isEmpty, types.count == words.count, Set(types).count == types.count else {
                return error("'\(v)': give distinct types out of \(ZramWritebackType.allCases.map(\.rawValue).joined(separator: ", ")), in the order to write back")
            }
            dev.writebackTypes = sourced(types)
        case "recompress-type":
            guard let t = ZramTierOperation.RecompressType(rawValue: v) else {
                return error("'\(v)': give one of \(ZramTierOperation.RecompressType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            dev.recompressType = sourced(t)
        case "recompress-threshold":
            guard let n = ConfigValueParsing.rustU64(v), n > 0 else { return error("'\(v)' is not a positive number of bytes") }
            dev.recompressThreshold = sourced(n)
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
