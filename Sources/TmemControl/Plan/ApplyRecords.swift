import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemCore
import TmemHost

/// What `apply` keeps under `/run/tmemctl/apply/` (tmpfs: gone at reboot, like the devices): one record per
/// device it configured (so it touches only uninitialized devices and its own, and can compare the settings the
/// kernel does not show, such as algorithm_params), and the zswap parameters and sysctls as they were before
/// its first change (teardown puts them back).
public struct ApplyRecords: Sendable {
    public static let directory = "run/tmemctl/apply"
    public let root: SystemRoot

    public init(root: SystemRoot) { self.root = root }

    /// A device apply configured: the settings as it wrote them (`compAlgorithm` nil when the kernel's default
    /// was kept, also after a fallback from an algorithm the kernel lacks).
    public struct OwnedDevice: Codable, Equatable, Sendable {
        public var device: DesiredState.Device
        public var pid: Int32

        public init(device: DesiredState.Device, pid: Int32 = getpid()) {
            self.device = device
            self.pid = pid
        }
    }

    /// zswap parameters and sysctls before apply first changed them; a key is absent when apply never changed it.
    public struct Saved: Codable, Equatable, Sendable {
        public var zswap: [String: String]
        public var sysctl: [String: Int]

        public init(zswap: [String: String] = [:], sysctl: [String: Int] = [:]) {
            self.zswap = zswap
            self.sysctl = sysctl
        }
        public var isEmpty: Bool { zswap.isEmpty && sysctl.isEmpty }
    }

    func deviceFile(_ name: String) -> StateFile { StateFile(root: root, "\(Self.directory)/\(name).json") }
    var savedFile: StateFile { StateFile(root: root, "\(Self.directory)/saved.json") }

    /// Every device record, by index. A record that cannot be parsed is an error: ownership must not be guessed.
    public func ownedDevices() throws(HostError) -> [Int: OwnedDevice] {
        var result: [Int: OwnedDevice] = [:]
        for name in root.list(Self.directory) where name.hasPrefix("zram") && name.hasSuffix(".json") {
            let device = String(name.dropLast(5))
            guard let id = DesiredState.Device(name: device, disksize: 0).index else { continue }
            guard let text = try deviceFile(device).read() else { continue }
            guard let record = try? JSONDecoder().decode(OwnedDevice.self, from: Data(text.utf8)) else {
                let path = deviceFile(device).path
                throw HostError(subject: "apply", action: "not an apply record:", path: path,
                                hint: "remove it if \(device) is not set up by tmemctl apply")
            }
            result[id] = record
        }
        return result
    }

    public func recordOwnership(_ record: OwnedDevice) throws(HostError) {
        try deviceFile(record.device.name).replace(Self.json(record))
    }

    public func forget(_ device: String) throws(HostError) { try deviceFile(device).remove() }

    public func saved() throws(HostError) -> Saved {
        guard let text = try savedFile.read() else { return Saved() }
        guard let s = try? JSONDecoder().decode(Saved.self, from: Data(text.utf8)) else {
            throw HostError(subject: "apply", action: "not a saved-settings file:", path: savedFile.path,
                            hint: "it holds zswap and sysctl values from before the first apply; fix or remove it")
        }
        return s
    }

    /// Adds values not saved yet (the first apply that changes a parameter saves it; later ones keep that value).
    public func saveIfFirst(_ additions: Saved) throws(HostError) {
        var s = try saved()
        let before = s
        for (k, v) in additions.zswap where s.zswap[k] == nil { s.zswap[k] = v }
        for (k, v) in additions.sysctl where s.sysctl[k] == nil { s.sysctl[k] = v }
        guard s != before else { return }
        if (try savedFile.read()) == nil { try savedFile.create(Self.json(s)) } else { try savedFile.replace(Self.json(s)) }
    }

    public func replaceSaved(_ s: Saved) throws(HostError) {
        if s.isEmpty { try savedFile.remove() } else { try savedFile.replace(Self.json(s)) }
    }

    /// After a teardown: the directories go when nothing is left in them (others may keep claims there).
    public func removeDirectoriesIfEmpty() {
        _ = try? root.removeDirectory(Self.directory)
        _ = try? root.removeDirectory("run/tmemctl")
    }

    static func json(_ value: some Encodable) -> String {
        let e = EveryKeyJSONEncoder(outputFormatting: [.prettyPrinted, .sortedKeys])
        return String(decoding: (try? e.encode(value)) ?? Data(), as: UTF8.self) + "\n"
    }
}
