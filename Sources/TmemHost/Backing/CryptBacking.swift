import CShimSystem
import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// `writeback-encrypt`: dm-crypt in plain mode over the loop device, with a key made from getrandom(2) for this
/// boot only. The key reaches cryptsetup on its stdin (`--key-file -`), never on a command line or a disk, and
/// is overwritten in memory once cryptsetup has it; when zram forgets the mapping nothing can read the pages
/// written out, from this boot or an earlier one.
///
/// Right after backing_dev is set, `cryptsetup close --deferred` marks the mapping for removal: dm removes it
/// when zram, its only opener, lets go at reset, and the loop device under it then autoclears. So teardown has
/// nothing extra to remove here either.
public enum CryptBacking {
    public static let program = "cryptsetup"
    /// 512-bit XTS key (two AES-256 keys), the aes-xts-plain64 default of LUKS2; 4096-byte sectors like the loop device.
    public static let cipher = "aes-xts-plain64"
    public static let keyBytes = 64

    public static func mappingName(device: String) -> String { "tmemctl-\(device)" }
    public static func mapperNode(_ name: String) -> String { "/dev/mapper/\(name)" }

    /// `cryptsetup` arguments that open `name` over `node` with a key of `keyBytes` read from stdin.
    public static func openArguments(over node: String, name: String) -> [String] {
        ["open", "--type", "plain", "--cipher", cipher, "--key-size", "\(keyBytes * 8)", "--hash", "plain",
         "--sector-size", "4096", "--key-file", "-", "--keyfile-size", "\(keyBytes)", node, name]
    }

    public static func deferredCloseArguments(name: String) -> [String] { ["close", "--deferred", name] }

    /// The system's cryptsetup under `root`, or nil.
    public static func find(root: SystemRoot) -> SystemProgram? { SystemProgram(program, root: root) }

    /// Opens the mapping (live root only) and answers its node for backing_dev.
    public static func open(over node: String, name: String, root: SystemRoot, subject: String) throws(HostError) -> String {
        guard let cryptsetup = find(root: root) else {
            throw HostError(subject: subject, action: "cannot encrypt the backing device: no \(program) in", path: SystemProgram.searchDirectories.joined(separator: ", "),
                            errno: .noSuchFileOrDirectory, hint: "install cryptsetup-bin, or set writeback-encrypt = no")
        }
        var key = [UInt8](repeating: 0, count: keyBytes)
        defer { for i in key.indices { key[i] = 0 } }
        let got = key.withUnsafeMutableBufferPointer { cshim_random_bytes($0.baseAddress, $0.count) }
        guard got == 0 else {
            throw HostError(subject: subject, action: "getrandom failed for the backing device's key", path: "", errno: Errno(rawValue: errno))
        }
        try cryptsetup.run(openArguments(over: node, name: name), root: root, subject: subject, input: key)
        return mapperNode(name)
    }

    /// Marks the mapping for removal at its last close (zram's reset).
    public static func closeDeferred(name: String, root: SystemRoot, subject: String) throws(HostError) {
        guard let cryptsetup = find(root: root) else { return }
        try cryptsetup.run(deferredCloseArguments(name: name), root: root, subject: subject)
    }

    /// Whether a dm device of that name exists (sysfs `dm/name` of some dm-N).
    public static func exists(name: String, root: SystemRoot) -> Bool {
        root.list("sys/block").contains { $0.hasPrefix("dm-") && (try? root.read("sys/block/\($0)/dm/name"))?.trimmingWhitespace() == name }
    }

    /// The kernel removes a deferred mapping from a workqueue after its last close: right after a reset the
    /// old one may still be there. Waits up to 5 s, then fails naming it.
    public static func waitGone(name: String, root: SystemRoot, subject: String) throws(HostError) {
        for _ in 0..<250 {
            if !exists(name: name, root: root) { return }
            usleep(20_000)
        }
        throw HostError(subject: subject, action: "a dm device named \(name) is still there:", path: mapperNode(name), errno: .fileExists,
                        hint: "something else holds it open; cryptsetup close \(name) once it is unused")
    }

    /// Removes the mapping now (setting up zram failed before zram opened it).
    public static func close(name: String, root: SystemRoot, subject: String) {
        guard let cryptsetup = find(root: root) else { return }
        try? cryptsetup.run(["close", name], root: root, subject: subject)
    }
}
