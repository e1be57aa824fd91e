import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemCore
import TmemHost

/// What `policy run` keeps per device in /var/lib/tmemctl/tiering/zramN.json (0600, replaced by rename): the
/// day's writeback spending, and the kernel's bd_writes counter as last seen, so spending is read from the
/// kernel rather than added up by tmemctl. Pages written since the last look (by a round that died before it
/// recorded, or by hand) are charged at the next one, and a round run twice charges nothing twice.
public struct TieringLedger: Codable, Equatable, Sendable {
    public var budget: WritebackBudget
    /// The boot the counter belongs to (a new boot starts every counter at 0).
    public var bootId: String?
    /// bd_writes (4 KiB units) when last recorded.
    public var bdWritesSeen: UInt64

    public init(budget: WritebackBudget, bootId: String?, bdWritesSeen: UInt64) {
        self.budget = budget
        self.bootId = bootId
        self.bdWritesSeen = bdWritesSeen
    }

    public static let directory = "var/lib/tmemctl/tiering"

    /// `zramN.lock` beside the ledger: concurrent rounds on one device (the timer's and one by hand) take turns,
    /// so neither reads a ledger the other is about to replace and both charge the same pages.
    public static func lock(root: SystemRoot, device: String, timeout: Double) throws(HostError) -> HostLock {
        try HostLock(file: "\(directory)/\(device).lock", root: root, timeout: timeout)
    }

    public static func file(root: SystemRoot, device: String) -> StateFile {
        StateFile(root: root, "\(directory)/\(device).json")
    }

    /// The recorded ledger, nil when there is none yet; an unreadable one is an error (spending must not be guessed).
    public static func read(root: SystemRoot, device: String) throws(HostError) -> TieringLedger? {
        let f = file(root: root, device: device)
        guard let text = try f.read() else { return nil }
        guard let l = try? JSONDecoder().decode(TieringLedger.self, from: Data(text.utf8)) else {
            throw HostError(subject: "policy", action: "not a tiering ledger:", path: f.path,
                            hint: "it records today's writeback spending; fix it, or remove it to start the day's budget afresh")
        }
        return l
    }

    public func write(root: SystemRoot, device: String) throws(HostError) {
        let e = EveryKeyJSONEncoder(outputFormatting: [.prettyPrinted, .sortedKeys])
        let text = String(decoding: (try? e.encode(self)) ?? Data(), as: UTF8.self) + "\n"
        try Self.file(root: root, device: device).replace(text)
    }

    /// The 4 KiB units written since this ledger last looked, given the counter now and this boot's id: the
    /// difference under the same boot and an unreset device, else the whole counter (it restarted from 0).
    public func unitsSince(bdWrites now: UInt64, bootId current: String?) -> UInt64 {
        guard bootId == current, now >= bdWritesSeen else { return now }
        return now - bdWritesSeen
    }
}
