/// A tmemctl run's claim on a zram device it creates for itself (verify, bench, advise, the live tests): a file
/// under `/run/tmemctl/claims/` holding the claimer's pid and purpose. Whoever configures devices it did not
/// create (`tmemctl apply`, the udev rules) asks `ZramClaims.state(of:)` first and leaves a claimed device alone.
///
/// A claim is taken before hot_add, when the device number is not known yet, as `pid-PID.N` ("pending"); once
/// hot_add has answered it becomes `zramN`, and it is removed after hot_remove.
public struct ZramClaim: Equatable, Sendable {
    public var pid: Int32
    /// Field 22 of /proc/PID/stat (clock ticks after boot) when the claim was taken, so that a reused pid
    /// is not taken for the claimer; nil when it could not be read.
    public var processStart: UInt64?
    public var purpose: String
    /// The device (`zram3`) once hot_add has answered; nil while the claim is pending.
    public var device: String?
    /// Absolute path of the claim file.
    public var path: String

    public init(pid: Int32, processStart: UInt64?, purpose: String, device: String?, path: String) {
        self.pid = pid
        self.processStart = processStart
        self.purpose = purpose
        self.device = device
        self.path = path
    }

    /// The file's text: `key=value` lines; purpose on one line.
    var fileText: String {
        var s = "pid=\(pid)\n"
        if let t = processStart { s += "start=\(t)\n" }
        s += "purpose=\(Self.oneLine(purpose))\n"
        if let d = device { s += "device=\(d)\n" }
        return s
    }

    static func oneLine(_ s: String) -> String {
        String(s.map { $0.isNewline ? " " : $0 })
    }

    /// Parses a claim file named `name`. The pid comes from the text, else from a pending name (`pid-PID.N`):
    /// a claim file is created empty and written at once, so a reader may catch it empty.
    init?(name: String, text: String, path: String) {
        var fields: [Substring: Substring] = [:]
        for line in text.split(separator: "\n") {
            let kv = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if kv.count == 2 { fields[kv[0]] = kv[1] }
        }
        let pendingPid = Self.pendingPid(name)
        guard let pid = fields["pid"].flatMap({ Int32($0) }) ?? pendingPid else { return nil }
        let device: String? = name.hasPrefix("zram") ? name : fields["device"].map(String.init)
        self.init(pid: pid, processStart: fields["start"].flatMap { UInt64($0) },
                  purpose: fields["purpose"].map(String.init) ?? "", device: device, path: path)
    }

    static func pendingName(pid: Int32, sequence: Int) -> String { "pid-\(pid).\(sequence)" }

    static func pendingPid(_ name: String) -> Int32? {
        guard name.hasPrefix("pid-"), let dot = name.firstIndex(of: ".") else { return nil }
        return Int32(name[name.index(name.startIndex, offsetBy: 4)..<dot])
    }
}

/// What a claimer must know about a device before it touches it.
public enum ZramClaimState: Equatable, Sendable {
    /// No claim names it and no claimer is between taking a claim and hot_add's answer.
    case unclaimed
    /// A live process claims it: hands off.
    case claimed(ZramClaim)
    /// No claim names it yet, but these live claimers are between taking their claim and hot_add's answer:
    /// the device may be one of theirs. Ask again in a moment.
    case pending([ZramClaim])
    /// Its claimer is gone (dead pid, or the pid now runs another process): the device is a leftover of a run
    /// that could not remove it.
    case stale(ZramClaim)

    /// True while someone else may be using the device (claimed or pending).
    public var isHeld: Bool {
        switch self {
        case .claimed, .pending: true
        case .unclaimed, .stale: false
        }
    }
}
