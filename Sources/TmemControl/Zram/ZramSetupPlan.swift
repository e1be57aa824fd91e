import TmemCore
import TmemHost

/// A validated, ordered list of writes that turns a fresh zram device into what was requested.
/// Building the plan checks everything that can be checked without writing (docs/kernel-notes.md#zram-attributes, #zram-recompression, #zram-writeback).
public struct ZramSetupPlan: Equatable, Sendable {
    public let request: ZramSetupRequest
    public let steps: [ZramSetupStep]

    public static let algorithmParamKeys: Set<String> = ["priority", "algo", "level", "dict", "deflate.winbits"]

    public init(_ r: ZramSetupRequest, facts: ZramKernelFacts) throws(InvalidRequest) {
        try r.validateWithoutKernel()
        let offered = facts.algorithms.joined(separator: " ")
        var steps: [ZramSetupStep] = []

        if let a = r.algorithm {
            guard facts.algorithms.contains(a) else {
                throw InvalidRequest("zram algorithm '\(a)' is not built into this kernel; choose one of: \(offered)")
            }
            steps.append(.compAlgorithm(a))
        }
        if let p = r.algorithmParams {
            guard facts.hasAlgorithmParams else {
                throw InvalidRequest("this kernel has no algorithm_params (Linux 6.12+); drop --algorithm-params")
            }
            try Self.validateParams(p, offered: facts.algorithms, hasRecompression: facts.hasRecompression)
            steps.append(.algorithmParams(Self.paramTokens(p).joined(separator: " ")))
        }
        if !r.recompression.isEmpty {
            guard facts.hasRecompression else {
                throw InvalidRequest("this kernel has no recompression (CONFIG_ZRAM_MULTI_COMP); drop the recompression algorithms")
            }
            for rc in r.recompression {
                guard facts.algorithms.contains(rc.algorithm) else {
                    throw InvalidRequest("recompression algorithm '\(rc.algorithm)' is not built into this kernel; choose one of: \(offered)")
                }
                steps.append(.recompAlgorithm(rc.algorithm, priority: rc.priority))
            }
        }
        if let b = r.backingDevice {
            guard facts.hasBackingDev else {
                throw InvalidRequest("this kernel has no writeback (CONFIG_ZRAM_WRITEBACK); drop the backing device")
            }
            steps.append(.backingDev(b))
        }
        if let m = r.memLimit {
            try ZramSizeBound.check(m, attribute: "mem_limit", option: "--mem-limit", memTotal: facts.memTotal)
            steps.append(.memLimit(m))
        }
        if let s = r.disksize {
            try ZramSizeBound.check(s, attribute: "disksize", option: "--size", memTotal: facts.memTotal)
            steps.append(.disksize(s))
        }
        if let swap = r.swap {
            steps.append(.mkswap(label: swap.label))
            steps.append(.swapon(priority: swap.priority))
        }
        self.request = r
        self.steps = steps
    }

    /// The kernel splits algorithm_params with next_arg, on any of C's isspace characters (space, \t, \n, \v, \f, \r).
    static func paramTokens(_ p: String) -> [Substring] {
        p.split(whereSeparator: { " \t\n\u{0B}\u{0C}\r".contains($0) })
    }

    /// What can be checked without the kernel: the syntax, the keys, integers, the priority range of any kernel.
    /// With `offered`/`hasRecompression` (the kernel's facts), also what this kernel accepts.
    static func validateParams(_ p: String, offered: [String]? = nil, hasRecompression: Bool? = nil) throws(InvalidRequest) {
        let tokens = paramTokens(p)
        guard !tokens.isEmpty else { throw InvalidRequest("--algorithm-params is empty; give key=value pairs such as level=3") }
        for t in tokens {
            let kv = t.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, !kv[1].isEmpty, Self.algorithmParamKeys.contains(String(kv[0])) else {
                throw InvalidRequest("algorithm parameter '\(t)' is not key=value with a key of \(Self.algorithmParamKeys.sorted().joined(separator: ", "))")
            }
            switch kv[0] {
            case "priority":
                guard let n = Int(kv[1]), (0...3).contains(n) else { throw InvalidRequest("priority= must be 0...3 in --algorithm-params") }
                // ZRAM_MAX_COMPS is 1 without CONFIG_ZRAM_MULTI_COMP: only the primary (0) exists.
                if n > 0, hasRecompression == false {
                    throw InvalidRequest("priority=\(n) in --algorithm-params names a recompression algorithm, and this kernel has no recompression (no recomp_algorithm, CONFIG_ZRAM_MULTI_COMP); use priority=0 or leave it out")
                }
            case "level", "deflate.winbits":
                guard Int(kv[1]) != nil else { throw InvalidRequest("\(kv[0])= takes an integer in --algorithm-params") }
            case "algo":
                guard let offered else { break }
                guard offered.contains(String(kv[1])) else {
                    throw InvalidRequest("algo=\(kv[1]) is not built into this kernel; choose one of: \(offered.joined(separator: " "))")
                }
            default:
                break
            }
        }
    }
}
