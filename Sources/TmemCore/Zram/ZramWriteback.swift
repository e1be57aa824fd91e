/// What `writeback`'s `type=` selects (docs/kernel-notes.md#zram-writeback-accounting): slots that are not
/// same-filled and not already written back, and besides
public enum ZramWritebackType: String, CaseIterable, Codable, Sendable {
    /// … marked idle (`idle all`, or an age) and not accessed since.
    case idle
    /// … stored huge (compressed length ≥ huge_class_size).
    case huge
    /// … both.
    case hugeIdle = "huge_idle"
    /// … flagged incompressible, which only a failed recompression does (CONFIG_ZRAM_MULTI_COMP; Linux 6.2+).
    case incompressible

    var needsIdle: Bool { self == .idle || self == .hugeIdle }
    var needsHuge: Bool { self == .huge || self == .hugeIdle }
}

/// One step of a writeback scenario, as `tmemctl model --writeback` and `verify --writeback` take them
/// (comma-separated): `mark-idle`, `read=LO-HI`, `idle`, `huge`, `huge_idle`, `incompressible`, `page_index=N`,
/// `page_indexes=LO-HI` (ranges inclusive).
public enum ZramWritebackStep: Equatable, Sendable, CustomStringConvertible {
    /// `echo all > idle`: every stored slot that is not same-filled or written back becomes idle.
    case markIdle
    /// O_DIRECT reads of these pages: each access clears the slot's idle mark; a written-back page is read from
    /// the backing device (bd_reads).
    case read(ClosedRange<Int>)
    /// `writeback` of one type over the whole device.
    case writeback(ZramWritebackType)
    /// `writeback` of one page, whatever its idle or huge state (not same-filled, not already written back).
    case pageIndex(Int)
    /// `page_indexes=LO-HI` (Linux 6.16+): every page of the range, like page_index.
    case pageIndexes(ClosedRange<Int>)

    public var description: String {
        switch self {
        case .markIdle: "mark-idle"
        case .read(let r): "read=\(r.lowerBound)-\(r.upperBound)"
        case .writeback(let t): t.rawValue
        case .pageIndex(let i): "page_index=\(i)"
        case .pageIndexes(let r): "page_indexes=\(r.lowerBound)-\(r.upperBound)"
        }
    }

    /// Parses one step, or says why the text is not one.
    public static func parse(_ text: Substring) -> Result<ZramWritebackStep, StepError> {
        let t = text.trimmingWhitespace()
        if t == "mark-idle" { return .success(.markIdle) }
        if let type = ZramWritebackType(rawValue: t) { return .success(.writeback(type)) }
        if t.hasPrefix("type="), let type = ZramWritebackType(rawValue: String(t.dropFirst(5))) {
            return .success(.writeback(type))
        }
        if t.hasPrefix("page_index=") {
            guard let n = Int(t.dropFirst("page_index=".count)), n >= 0 else { return .failure(StepError("'\(t)': page_index takes a page number, 0 or more")) }
            return .success(.pageIndex(n))
        }
        for (key, make) in [("read=", { ZramWritebackStep.read($0) }), ("page_indexes=", { ZramWritebackStep.pageIndexes($0) })] where t.hasPrefix(key) {
            let parts = t.dropFirst(key.count).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let lo = Int(parts[0]), let hi = Int(parts[1]), lo >= 0, lo <= hi else {
                return .failure(StepError("'\(t)': \(key.dropLast()) takes a page range LO-HI (inclusive, LO ≤ HI)"))
            }
            return .success(make(lo...hi))
        }
        return .failure(StepError("'\(t)' is not a writeback step (mark-idle, read=LO-HI, idle, huge, huge_idle, incompressible, page_index=N, page_indexes=LO-HI)"))
    }

    /// A comma-separated list of steps.
    public static func parseList(_ text: String) -> Result<[ZramWritebackStep], StepError> {
        var steps: [ZramWritebackStep] = []
        for part in text.split(separator: ",") {
            switch parse(part) {
            case .success(let s): steps.append(s)
            case .failure(let e): return .failure(e)
            }
        }
        if steps.isEmpty { return .failure(StepError("no writeback steps given")) }
        return .success(steps)
    }

    public struct StepError: Error, Equatable, Sendable {
        public let message: String
        public init(_ message: String) { self.message = message }
    }

    /// The largest page index the step names, to check against the device's size.
    public var highestPage: Int? {
        switch self {
        case .markIdle, .writeback: nil
        case .read(let r), .pageIndexes(let r): r.upperBound
        case .pageIndex(let i): i
        }
    }
}

/// What an era's `writeback` file accepts (docs/kernel-notes.md#zram-writeback-accounting): 6.1 takes the bare
/// words idle, huge, huge_idle and page_index=N; `incompressible` came with recompression in 6.2; 6.16 added the
/// key=value form (`type=`, `page_index=`, `page_indexes=LO-HI`), still taking the bare words.
public struct ZramWritebackSyntax: Equatable, Sendable {
    public var takesIncompressible: Bool
    public var takesKeyValue: Bool

    public init(takesIncompressible: Bool, takesKeyValue: Bool) {
        self.takesIncompressible = takesIncompressible
        self.takesKeyValue = takesKeyValue
    }

    public static func forKernel(major: Int, minor: Int) -> ZramWritebackSyntax {
        ZramWritebackSyntax(takesIncompressible: (major, minor) >= (6, 2), takesKeyValue: (major, minor) >= (6, 16))
    }

    /// What a page index at or beyond disksize gets: EINVAL from the old parser, ERANGE from 6.16's.
    public var outOfRangeErrno: String { takesKeyValue ? "ERANGE" : "EINVAL" }

    /// Why this kernel cannot run `step`, or nil when it can.
    public func refusal(_ step: ZramWritebackStep, kernel: String) -> String? {
        switch step {
        case .writeback(.incompressible) where !takesIncompressible:
            "kernel \(kernel) has no incompressible writeback (it came with recompression in Linux 6.2)"
        case .pageIndexes where !takesKeyValue:
            "kernel \(kernel) has no page_indexes= (the key=value writeback syntax came in Linux 6.16); use page_index=N steps"
        default: nil
        }
    }

    /// The text written to the `writeback` file for a writeback step (nil for mark-idle and read).
    public func sysfsText(_ step: ZramWritebackStep) -> String? {
        switch step {
        case .markIdle, .read: nil
        case .writeback(let t): takesKeyValue ? "type=\(t.rawValue)" : t.rawValue
        case .pageIndex(let i): "page_index=\(i)"
        case .pageIndexes(let r): "page_indexes=\(r.lowerBound)-\(r.upperBound)"
        }
    }
}
