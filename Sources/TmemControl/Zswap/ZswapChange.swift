import TmemCore
import TmemHost

/// An ordered set of zswap parameter writes, validated before the first one. Pool parameters are written before
/// `enabled=Y` (so zswap starts with them), and `enabled=N` goes first (so no pool is built just to be disabled).
/// If a write fails, the parameters already written are put back.
public struct ZswapChange: Equatable, Sendable {
    public struct Write: Equatable, Sendable, CustomStringConvertible {
        public var parameter: ZswapParameter
        public var value: String
        public var previous: String
        public var description: String { "write \(parameter.rawValue) = \(value) (now \(previous))" }
    }

    public var writes: [Write]
    /// Parameters of the request this kernel does not have (from a settings file of another kernel).
    public var skipped: [String]

    /// `values`: parameter name → value. Writes that would not change anything are left out.
    public init(_ values: [String: String], root: SystemRoot, ignoreAbsent: Bool = false) throws {
        let zswap = Zswap(root: root)
        guard zswap.isAvailable else {
            throw InvalidRequest("this kernel has no zswap (\(Zswap.parametersKernelPath) is missing)")
        }
        let current = try zswap.parameters()
        var writes: [Write] = []
        var skipped: [String] = []
        for (name, raw) in values.sorted(by: { $0.key < $1.key }) {
            guard let p = ZswapParameter(rawValue: name) else {
                throw InvalidRequest("'\(name)' is not a zswap parameter; known: \(ZswapParameter.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let now = current[p] else {
                if ignoreAbsent { skipped.append(name); continue }
                throw InvalidRequest("this kernel has no zswap parameter \(name); present: \(zswap.presentParameters.map(\.rawValue).joined(separator: ", "))")
            }
            guard let v = p.normalize(raw) else {
                let want = p.kind == .bool ? "Y or N (also yes/no, 1/0, on/off)" : p.kind == .percent ? "a whole number" : "a name"
                throw InvalidRequest("invalid value '\(raw)' for zswap \(name): expected \(want)")
            }
            if p.kind == .percent, let n = Int(v), n > 100 {
                throw InvalidRequest("zswap \(name) is a percentage: give 0...100, not \(n)")
            }
            if p == .compressor, v != now, let offered = try? ProcCrypto.compressors(root: root), !offered.contains(v) {
                throw InvalidRequest("zswap compressor '\(v)' is not registered in /proc/crypto (available: \(offered.joined(separator: " "))); \(KernelModules(root: root).loadHint(v))")
            }
            if p.normalize(now) != v { writes.append(Write(parameter: p, value: v, previous: now)) }
        }
        writes.sort { Self.rank($0) < Self.rank($1) }
        self.writes = writes
        self.skipped = skipped
    }

    static func rank(_ w: Write) -> Int {
        switch (w.parameter, w.value) {
        case (.enabled, "N"): 0
        case (.enabled, _): 2
        default: 1
        }
    }

    /// Applies the writes in order, each read back; on failure, undoes the ones done (in reverse) and rethrows.
    public func apply(root: SystemRoot) throws(HostError) {
        let zswap = Zswap(root: root)
        var done: [Write] = []
        for w in writes {
            do { try zswap.set(w.parameter, to: w.value) } catch {
                for d in done.reversed() { try? zswap.set(d.parameter, to: d.previous) }
                throw error
            }
            done.append(w)
        }
    }
}
