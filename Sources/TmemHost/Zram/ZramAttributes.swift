import SystemPackage
import TmemCore

/// Typed access to every zram attribute (docs/kernel-notes.md#zram-attributes, #zram-recompression, #zram-writeback). Readers of optional attributes return nil
/// when this kernel lacks the file; writers to a missing file fail with a message saying why it is missing.
extension ZramDevice {
    public func has(_ attribute: ZramAttribute) -> Bool { has(attribute.rawValue) }

    public func read(_ attribute: ZramAttribute) throws(HostError) -> String {
        try read(attribute.rawValue)
    }

    public func write(_ attribute: ZramAttribute, _ value: String,
                      hint: (Errno) -> String? = { _ in nil }) throws(HostError) {
        guard has(attribute) else {
            throw HostError(subject: name, action: "cannot write",
                            path: root.absolute(attributePath(attribute.rawValue)), errno: .noSuchFileOrDirectory,
                            hint: exists ? "this kernel has no \(attribute.rawValue): \(attribute.absenceReason)"
                                         : "no such device")
        }
        try write(attribute.rawValue, value, hint: hint)
    }

    // MARK: size and state

    public func disksize() throws(HostError) -> UInt64 { try singleNumber(.disksize) }

    public func isInitialized() throws(HostError) -> Bool { try singleNumber(.initstate) != 0 }

    /// The kernel rounds up to a page and allocates the slot table and pool now.
    public func setDisksize(_ bytes: UInt64) throws(HostError) {
        try write(.disksize, "\(bytes)") { e in
            switch e {
            case .resourceBusy: "\(name) is already initialized (disksize is set): reset it first"
            case .invalidArgument: "the size must be a positive number of bytes"
            case .noMemory: "the kernel could not allocate the slot table for this size; choose a smaller disksize"
            default: nil
            }
        }
    }

    // MARK: algorithms

    public func algorithms() throws(HostError) -> ZramAlgorithmList {
        try ZramAlgorithmList(parsing: try read(.compAlgorithm), path: root.absolute(attributePath("comp_algorithm")))
    }

    public func setAlgorithm(_ algorithm: String) throws(HostError) {
        let offered = (try? algorithms())?.availableText
        try write(.compAlgorithm, algorithm) { e in
            switch e {
            case .invalidArgument:
                "not built into this kernel; available: \(offered ?? "see \(attributePath("comp_algorithm"))")"
            case .argListTooLong: "an algorithm name is shorter than 128 bytes"
            case .resourceBusy: "\(name) is initialized: the algorithm can only change after a reset"
            default: nil
            }
        }
    }

    /// `algorithm_params`: `key=value` tokens (priority=, algo=, level=, dict=, deflate.winbits=).
    public func setAlgorithmParams(_ params: String) throws(HostError) {
        try write(.algorithmParams, params) { e in
            switch e {
            case .invalidArgument:
                "keys are priority=, algo=, level=, dict=PATH, deflate.winbits=, each with a value; algo= must be a configured algorithm"
            case .resourceBusy: "\(name) is initialized: set parameters before disksize"
            default: nil
            }
        }
    }

    /// Secondary algorithms by priority (MULTI_COMP); nil when the kernel has no recompression.
    public func recompressionAlgorithms() throws(HostError) -> [Int: ZramAlgorithmList]? {
        guard has(.recompAlgorithm) else { return nil }
        return try ZramRecompressionList.parse(try read(.recompAlgorithm),
                                               path: root.absolute(attributePath("recomp_algorithm")))
    }

    public func setRecompressionAlgorithm(_ algorithm: String, priority: Int) throws(HostError) {
        try write(.recompAlgorithm, "algo=\(algorithm) priority=\(priority)") { e in
            switch e {
            case .invalidArgument: "the priority must be 1...3 and the algorithm one this kernel offers"
            case .resourceBusy: "\(name) is initialized: configure recompression before disksize"
            default: nil
            }
        }
    }

    /// `recompress`: `type=idle|huge|huge_idle`, `max_pages=`, `threshold=`, `algo=`, `priority=`.
    public func recompress(_ spec: String) throws(HostError) {
        try write(.recompress, spec) { e in
            switch e {
            case .invalidArgument: "the device must be initialized, threshold below huge_class_size, and algo configured"
            case .resourceTemporarilyUnavailable: "another recompress or writeback is running; retry when it ends"
            default: nil
            }
        }
    }

    // MARK: memory limit and maintenance

    /// 0 removes the limit; the kernel keeps it as whole pages (rounded up).
    public func setMemLimit(_ bytes: UInt64) throws(HostError) {
        try write(.memLimit, "\(bytes)") { e in
            e == .invalidArgument ? "give a size such as 512M, or 0 for no limit" : nil
        }
    }

    /// Resets mem_used_max to the pool's current size (only `0` is accepted by the kernel).
    public func resetMemUsedMax() throws(HostError) {
        try write(.memUsedMax, "0")
    }

    public func compact() throws(HostError) {
        try write(.compact, "1") { e in
            e == .invalidArgument ? "\(name) is not initialized (set disksize first)" : nil
        }
    }

    /// `idle`: `all`, or seconds when the kernel tracks access times.
    public func markIdle(_ spec: String = "all") throws(HostError) {
        try write(.idle, spec) { e in
            e == .invalidArgument
                ? "\(name) must be initialized; only 'all' works unless the kernel has CONFIG_ZRAM_TRACK_ENTRY_ACTIME" : nil
        }
    }

    /// Frees everything and returns the device to its uninitialized state (the algorithm too).
    public func reset() throws(HostError) {
        try write(.reset, "1") { e in
            e == .resourceBusy ? busyHint() : nil
        }
    }

    // MARK: writeback (CONFIG_ZRAM_WRITEBACK)

    /// The backing device path, `none`, or nil when the kernel has no writeback.
    public func backingDevice() throws(HostError) -> String? {
        guard has(.backingDev) else { return nil }
        return try read(.backingDev).trimmingWhitespace()
    }

    public func setBackingDevice(_ path: String) throws(HostError) {
        try write(.backingDev, path) { e in
            switch e {
            case .resourceBusy: "\(name) is initialized: set backing_dev before disksize"
            case .notBlockDevice: "\(path) is not a block device"
            case .invalidArgument: "\(path) has zero size"
            default: nil
            }
        }
    }

    /// `writeback`: `type=idle|huge|huge_idle|incompressible`, `page_index=N`, `page_indexes=LO-HI`.
    public func writeback(_ spec: String) throws(HostError) {
        try write(.writeback, spec) { e in
            switch e {
            case .operationNotSupportedByDevice: "no backing_dev is configured"
            case .resourceTemporarilyUnavailable: "another writeback or recompress is running; retry when it ends"
            case .outOfRange: "the page index is beyond disksize"
            case .ioError: "the writeback limit is enabled and its budget is used up"
            case .noSpace: "the backing device is full"
            case .invalidArgument: "\(name) must be initialized and the mode one of idle, huge, huge_idle, incompressible"
            default: nil
            }
        }
    }

    /// Remaining writeback budget in 4 KiB units; nil without writeback support.
    public func writebackLimit() throws(HostError) -> UInt64? { try optionalNumber(.writebackLimit) }

    public func setWritebackLimit(_ pages4K: UInt64) throws(HostError) {
        try write(.writebackLimit, "\(pages4K)")
    }

    public func writebackLimitEnabled() throws(HostError) -> Bool? {
        try optionalNumber(.writebackLimitEnable).map { $0 != 0 }
    }

    public func setWritebackLimitEnabled(_ on: Bool) throws(HostError) {
        try write(.writebackLimitEnable, on ? "1" : "0")
    }

    // MARK: streams (gone in 6.18)

    /// max_comp_streams, or nil on kernels without it (6.18 uses one stream per CPU).
    public func maxCompStreams() throws(HostError) -> UInt64? { try optionalNumber(.maxCompStreams) }

    public func setMaxCompStreams(_ n: Int) throws(HostError) {
        try write(.maxCompStreams, "\(n)")
    }
}
