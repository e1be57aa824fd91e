import TmemCore
import TmemHost

/// One write to a zram attribute, in the order the operation makes them.
public struct ZramTierWrite: Codable, Equatable, Sendable {
    public var attribute: String
    public var value: String
    public init(_ attribute: ZramAttribute, _ value: String) {
        self.attribute = attribute.rawValue
        self.value = value
    }
}

/// `zram idle`, `zram writeback` and `zram recompress` as requests, turned into the writes a given kernel takes.
public enum ZramTierOperation: Equatable, Sendable {
    public enum IdleSelection: Equatable, Sendable {
        case all
        /// Slots not accessed for at least this many seconds.
        case age(seconds: UInt64)
    }

    public enum Pages: Equatable, Sendable {
        case indexes([UInt64])
        case range(ClosedRange<UInt64>)
    }

    /// What `recompress` selects with (`type=`): writeback's types minus incompressible.
    public enum RecompressType: String, CaseIterable, Sendable {
        case idle, huge
        case hugeIdle = "huge_idle"
    }

    public enum Recompression: Equatable, Sendable {
        case algorithm(String)
        case priority(Int)
    }

    case idle(IdleSelection)
    /// `type` or `pages` (one of them); `limitBytes` enables writeback_limit with that budget first.
    case writeback(type: ZramWritebackType?, pages: Pages?, limitBytes: UInt64?)
    case recompress(type: RecompressType?, thresholdBytes: UInt64?, using: Recompression?, maxPages: UInt64?)

    public var name: String {
        switch self {
        case .idle: "idle"
        case .writeback: "writeback"
        case .recompress: "recompress"
        }
    }

    /// The writes this operation makes on `device`, after checking the kernel and the device can take them.
    /// Throws `ZramTierRefusal` (exit 1) for what the kernel or the device lacks, `InvalidRequest` (exit 64) for
    /// input that no kernel takes; reads the device, writes nothing.
    public func writes(on device: ZramDevice, capabilities caps: ZramTierCapabilities) throws -> [ZramTierWrite] {
        guard device.exists else {
            throw InvalidRequest("\(device.name) does not exist (\(device.root.absolute(device.sysfsDir))); list devices with `tmemctl status`")
        }
        switch self {
        case .idle(let selection):
            // 6.18 always has `idle`; older kernels had it only with writeback or recompression built in.
            try require(.idle, on: device, option: "CONFIG_ZRAM_WRITEBACK (or CONFIG_ZRAM_MULTI_COMP)", caps: caps)
            if case .age = selection, caps.idleTakesAge == false {
                throw ZramTierRefusal("\(device.name): \(caps.kernelName) cannot mark pages idle by age: it was built without "
                    + "\(ZramTierCapabilities.ageOptions.joined(separator: " or ")) (\(caps.configPath ?? "no config")); use --all")
            }
            try requireInitialized(device)
            switch selection {
            case .all: return [ZramTierWrite(.idle, "all")]
            case .age(let seconds): return [ZramTierWrite(.idle, "\(seconds)")]
            }
        case .writeback(let type, let pages, let limit):
            try require(.writeback, on: device, option: "CONFIG_ZRAM_WRITEBACK", caps: caps)
            try requireInitialized(device)
            let backing = try device.backingDevice()
            guard let backing, backing != "none", !backing.isEmpty else {
                throw ZramTierRefusal("\(device.name) has no backing device (\(device.root.absolute(device.attributePath("backing_dev"))) reads none); "
                    + "it can only be set before disksize: reset the device, set writeback-device in the config, and apply")
            }
            var writes: [ZramTierWrite] = []
            if let limit {
                // writeback_limit counts 4 KiB units whatever the page size (docs/kernel-notes.md#zram-writeback).
                writes += [ZramTierWrite(.writebackLimitEnable, "1"), ZramTierWrite(.writebackLimit, "\(limit / 4096)")]
            }
            let syntax = caps.writebackSyntax
            if let type {
                if let why = syntax.refusal(.writeback(type), kernel: caps.release ?? "?") { throw ZramTierRefusal("\(device.name): \(why)") }
                writes.append(ZramTierWrite(.writeback, syntax.sysfsText(.writeback(type))!))
            }
            switch pages {
            case nil: break
            case .indexes(let list):
                writes += list.map { ZramTierWrite(.writeback, "page_index=\($0)") }
            case .range(let r):
                // Before 6.16 there is no page_indexes=: one page_index= write per page does the same.
                writes += syntax.takesKeyValue ? [ZramTierWrite(.writeback, "page_indexes=\(r.lowerBound)-\(r.upperBound)")]
                                               : r.map { ZramTierWrite(.writeback, "page_index=\($0)") }
            }
            try requirePagesInRange(pages, device)
            return writes
        case .recompress(let type, let threshold, let using, let maxPages):
            try require(.recompress, on: device, option: "CONFIG_ZRAM_MULTI_COMP", caps: caps)
            try requireInitialized(device)
            let secondaries = try device.recompressionAlgorithms() ?? [:]
            let configured = secondaries.compactMapValues(\.selected)
            guard !configured.isEmpty else {
                throw ZramTierRefusal("\(device.name) has no recompression algorithm (recomp_algorithm lists none selected); "
                    + "it is set before disksize: give the device a secondary algorithm (algo=NAME priority=1..3) and set it up again")
            }
            var parts: [String] = []
            if let type { parts.append("type=\(type.rawValue)") }
            if let maxPages { parts.append("max_pages=\(maxPages)") }
            if let threshold {
                let huge = KernelFeatures.detect(root: device.root).hugeClassSize
                guard threshold < UInt64(huge) else {
                    throw InvalidRequest("--threshold \(threshold) is not below this kernel's huge_class_size (\(huge) bytes); the kernel would refuse it with EINVAL")
                }
                parts.append("threshold=\(threshold)")
            }
            switch using {
            case nil: break
            case .algorithm(let a):
                guard configured.values.contains(a) else {
                    throw ZramTierRefusal("\(device.name): '\(a)' is not a configured recompression algorithm (configured: "
                        + configured.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ") + ")")
                }
                parts.append("algo=\(a)")
            case .priority(let p):
                guard configured[p] != nil else {
                    throw ZramTierRefusal("\(device.name): no recompression algorithm at priority \(p) (configured priorities: "
                        + configured.keys.sorted().map(String.init).joined(separator: " ") + ")")
                }
                parts.append("priority=\(p)")
            }
            return [ZramTierWrite(.recompress, parts.joined(separator: " "))]
        }
    }

    /// Makes the writes in order; the first error stops the rest.
    public static func perform(_ writes: [ZramTierWrite], on device: ZramDevice) throws(HostError) {
        for w in writes {
            switch ZramAttribute(rawValue: w.attribute) {
            case .idle?: try device.markIdle(w.value)
            case .writeback?: try device.writeback(w.value)
            case .recompress?: try device.recompress(w.value)
            case .writebackLimit?: try device.setWritebackLimit(UInt64(w.value) ?? 0)
            case .writebackLimitEnable?: try device.setWritebackLimitEnabled(w.value == "1")
            default: try device.write(w.attribute, w.value)
            }
        }
    }

    private func require(_ attribute: ZramAttribute, on device: ZramDevice, option: String, caps: ZramTierCapabilities) throws {
        guard device.has(attribute) else {
            throw ZramTierRefusal("\(device.name): \(caps.kernelName) has no \(device.root.absolute(device.attributePath(attribute.rawValue))): "
                + "it was built without \(option)")
        }
    }

    private func requireInitialized(_ device: ZramDevice) throws {
        guard try device.isInitialized() else {
            throw ZramTierRefusal("\(device.name) is not initialized, so it holds no pages; set it up with `tmemctl zram add` or `tmemctl apply` first")
        }
    }

    private func requirePagesInRange(_ pages: Pages?, _ device: ZramDevice) throws {
        guard let pages else { return }
        let highest = switch pages {
        case .indexes(let l): l.max() ?? 0
        case .range(let r): r.upperBound
        }
        let disksize = try device.disksize()
        let pageSize = UInt64(KernelFeatures.pageSize(root: device.root) ?? 4096)
        guard highest < disksize / pageSize else {
            throw InvalidRequest("page \(highest) is beyond \(device.name)'s \(disksize / pageSize) pages (disksize \(disksize)); pages are 0...\(disksize / pageSize - 1)")
        }
    }
}
