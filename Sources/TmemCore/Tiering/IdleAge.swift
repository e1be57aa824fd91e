#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `idle-age`: how long a page must go unaccessed before it counts as idle. Either fixed, or following memory
/// pressure as ChromeOS's swap management does: age = (max − min) · e^(−5·util) + min, with
/// util = 1 − MemAvailable/MemTotal, so an idle host waits up to `max` and a full one writes back after `min`.
public enum IdleAge: Equatable, Sendable {
    case seconds(UInt64)
    case pressure(minSeconds: UInt64, maxSeconds: UInt64)

    /// Parses `3600` or `pressure(MIN, MAX)` (seconds, MIN ≤ MAX); nil with the reason otherwise.
    public static func parse(_ text: String) -> Result<IdleAge, IdleAgeError> {
        let t = text.trimmingWhitespace()
        if let n = UInt64(t) { return .success(.seconds(n)) }
        guard t.hasPrefix("pressure("), t.hasSuffix(")") else {
            return .failure(IdleAgeError("'\(text)' is neither whole seconds (3600) nor pressure(MIN, MAX) in seconds"))
        }
        let inner = t.dropFirst("pressure(".count).dropLast()
        let parts = inner.split(separator: ",", omittingEmptySubsequences: false).map { UInt64(String($0).trimmingWhitespace()) }
        guard parts.count == 2, let lo = parts[0], let hi = parts[1] else {
            return .failure(IdleAgeError("'\(text)': give pressure(MIN, MAX) with two whole numbers of seconds"))
        }
        guard lo <= hi else { return .failure(IdleAgeError("'\(text)': MIN \(lo) is above MAX \(hi)")) }
        return .success(.pressure(minSeconds: lo, maxSeconds: hi))
    }

    /// The age in whole seconds (rounded down) for the given memory figures (bytes); a MemTotal of 0 counts as
    /// no pressure, and MemAvailable above MemTotal as none either.
    public func seconds(memTotal: UInt64, memAvailable: UInt64) -> UInt64 {
        switch self {
        case .seconds(let s): return s
        case .pressure(let lo, let hi):
            let util = memTotal == 0 ? 0 : max(0, 1 - Double(min(memAvailable, memTotal)) / Double(memTotal))
            let age = Double(hi - lo) * exp(-5 * util) + Double(lo)
            return min(hi, max(lo, UInt64(age.rounded(.down))))
        }
    }
}

public struct IdleAgeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
