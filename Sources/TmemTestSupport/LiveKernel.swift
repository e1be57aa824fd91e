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
