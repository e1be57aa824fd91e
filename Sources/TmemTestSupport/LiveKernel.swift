import Foundation
import SystemPackage
import TmemControl
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// What live tests need from the running kernel, and the lock that keeps them one at a time, also across
/// processes (two `swift test` runs, or a test and a manual `tmemctl verify`).
public enum LiveKernel {
    public static let root = SystemRoot("/")

    /// nil when live tests can run here; otherwise the reason they are skipped.
    public static let unavailableReason: String? = {
        if geteuid() != 0 { return "live kernel tests need root (zram-control and swap are root-only)" }
        if !ZramControl(root: root).isAvailable {
            return "no /sys/class/zram-control/hot_add: zram is not built in or loaded"
        }
        return nil
    }()

    public static var isAvailable: Bool { unavailableReason == nil }

    /// The compressors this kernel's zram lists, read (never written) from the first zram device's comp_algorithm;
    /// nil when no device exists to ask. Live tests skip, with the reason printed, what the kernel does not offer.
    public static let zramAlgorithmNames: [String]? = {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/sys/block") else { return nil }
        for n in names.sorted() where n.hasPrefix("zram") {
            if let text = try? String(contentsOfFile: "/sys/block/\(n)/comp_algorithm", encoding: .utf8) {
                return text.split(whereSeparator: { $0 == " " || $0 == "\n" })
                    .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) }
            }
        }
        return nil
    }()

    /// Whether this kernel's zram offers `algorithm` (true when it cannot be told: the test then says why it fails).
    public static func zramOffers(_ algorithm: String) -> Bool {
        guard let names = zramAlgorithmNames, names.contains(algorithm) else {
            if zramAlgorithmNames != nil { print("skipped \(algorithm): this kernel's zram does not offer it (it lists \(zramAlgorithmNames!.joined(separator: " ")))") }
            return zramAlgorithmNames == nil
        }
        return true
    }

    static let lockPath = "/run/tmemctl-live-tests.lock"

    /// Runs `body` holding the machine-wide live-test lock.
    public static func exclusive<T>(_ body: () throws -> T) throws -> T {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        precondition(fd >= 0, "cannot open \(lockPath): \(Errno(rawValue: errno))")
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            precondition(errno == EINTR, "flock \(lockPath): \(Errno(rawValue: errno))")
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// A zram device created for the test as every run creates one (`ScratchZram`: claimed, never zram0) and
    /// removed afterwards whatever happens; a device that cannot be removed fails the test, naming it.
    public static func withScratchZram<T>(_ body: (ZramDevice) throws -> T) throws -> T {
        let (result, failures) = try CleanupStack.run { cleanup in
            try body(try ScratchZram.create(root: root, purpose: "live test", cleanup: cleanup).device)
        }
        if !failures.isEmpty { throw CleanupFailed(failures: failures) }
        return result
    }
}
