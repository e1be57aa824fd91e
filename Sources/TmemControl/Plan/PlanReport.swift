import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemCore
import TmemHost

/// `tmemctl plan --json` (and `apply --json`): schema_version 1, every key present, null when unknown.
/// `disksize`/`mem_limit` are as requested (zram-generator's numbers); the `_effective` ones as the kernel holds them.
public struct PlanReport: Encodable, Sendable {
    public static let schemaVersion = 1

    public struct Action: Encodable, Equatable, Sendable {
        public var kind: String
        public var device: String?
        /// Absolute path (under the root).
        public var path: String
        public var value: String?
        /// The argument vector of the system program it runs, or null.
        public var command: [String]?
        public var description: String

        public init(_ a: PlanAction, root: SystemRoot) {
            kind = a.kind
            device = a.device
            path = root.absolute(a.path)
            value = a.value
            command = a.command
            description = a.description
        }

        enum CodingKeys: String, CodingKey { case kind, device, path, value, command, description }
    }

    public struct Device: Encodable, Sendable {
        public var plan: DevicePlan
        public var root: SystemRoot

        enum CodingKeys: String, CodingKey {
            case name, disksize, recompression, swap, mount, skipped, status, reasons, actions
            case disksizeEffective = "disksize_effective", memLimit = "mem_limit", memLimitEffective = "mem_limit_effective"
            case residentLimit = "resident_limit", compAlgorithm = "comp_algorithm", algorithmParams = "algorithm_params"
            case backingDev = "backing_dev"
        }

        public func encode(to encoder: any Encoder) throws {
            let d = plan.desired
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(d.name, forKey: .name)
            try c.encode(d.disksize, forKey: .disksize)
            try c.encode(plan.disksizeEffective, forKey: .disksizeEffective)
            try c.encode(plan.memLimitEffective == nil && d.residentLimit != nil ? nil : d.memLimit, forKey: .memLimit)
            try c.encode(plan.memLimitEffective, forKey: .memLimitEffective)
            try c.encode(d.residentLimit, forKey: .residentLimit)
            try c.encode(d.compAlgorithm, forKey: .compAlgorithm)
            try c.encode(d.algorithmParams, forKey: .algorithmParams)
            try c.encode(d.recompression, forKey: .recompression)
            try c.encode(d.backingDev, forKey: .backingDev)
            try c.encode(d.swap, forKey: .swap)
            try c.encode(d.mount, forKey: .mount)
            try c.encode(d.skipped, forKey: .skipped)
            try c.encode(plan.status, forKey: .status)
            try c.encode(plan.reasons, forKey: .reasons)
            try c.encode(plan.actions.map { Action($0, root: root) }, forKey: .actions)
        }
    }

    public var plan: Plan
    public var root: SystemRoot
    /// apply only: what was done, and what failed (null for plan).
    public var result: ApplyResult?

    public init(plan: Plan, root: SystemRoot, result: ApplyResult? = nil) {
        self.plan = plan
        self.root = root
        self.result = result
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", mode, kernel, devices, zswap, sysctl, boot, actions, changes
        case kernelUnknown = "kernel_unknown", warnings, errors, result
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schemaVersion, forKey: .schemaVersion)
        try c.encode(plan.mode == .plan ? "plan" : plan.mode == .apply ? "apply" : "teardown", forKey: .mode)
        try c.encode(plan.kernel, forKey: .kernel)
        try c.encode(plan.kernelUnknown, forKey: .kernelUnknown)
        try c.encode(plan.devices.map { Device(plan: $0, root: root) }, forKey: .devices)
        try c.encode(plan.zswap, forKey: .zswap)
        try c.encode(plan.sysctl, forKey: .sysctl)
        try c.encode(plan.boot, forKey: .boot)
        try c.encode(plan.actions.map { Action($0, root: root) }, forKey: .actions)
        try c.encode(plan.hasChanges, forKey: .changes)
        try c.encode(plan.warnings, forKey: .warnings)
        try c.encode(plan.errors, forKey: .errors)
        try c.encode(result, forKey: .result)
    }

    public func json() throws -> String {
        let e = EveryKeyJSONEncoder(outputFormatting: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: try e.encode(self), as: UTF8.self) + "\n"
    }
}

/// What apply did: per device, done / failed (rolled back or not) / refused.
public struct ApplyResult: Encodable, Equatable, Sendable {
    public struct DeviceOutcome: Encodable, Equatable, Sendable {
        public var name: String
        /// `applied`, `unchanged`, `failed`, `refused`, `skipped`.
        public var outcome: String
        public var error: String?
        /// For a failure: the rollback's own failure, or null when it was rolled back cleanly.
        public var rollbackError: String?

        public init(name: String, outcome: String, error: String? = nil, rollbackError: String? = nil) {
            self.name = name
            self.outcome = outcome
            self.error = error
            self.rollbackError = rollbackError
        }

        enum CodingKeys: String, CodingKey { case name, outcome, error; case rollbackError = "rollback_error" }
    }

    public var devices: [DeviceOutcome]
    /// zswap/sysctl/boot failures.
    public var policyErrors: [String]

    public init(devices: [DeviceOutcome] = [], policyErrors: [String] = []) {
        self.devices = devices
        self.policyErrors = policyErrors
    }

    public var failed: [DeviceOutcome] { devices.filter { $0.outcome == "failed" || $0.outcome == "refused" } }
    public var succeeded: Bool { failed.isEmpty && policyErrors.isEmpty }

    enum CodingKeys: String, CodingKey { case devices; case policyErrors = "policy_errors" }
}
