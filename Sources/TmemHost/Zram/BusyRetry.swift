import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Retries an operation that fails with EBUSY for a moment after a device appears or changes (udev's blkid
/// probe holds the node open), the way zramctl waits: a bounded number of tries with a growing pause.
/// A holder that will not go away by itself (swap, a mount) is not retried.
public struct BusyRetry: Sendable {
    public var attempts: Int
    public var firstDelayMicroseconds: UInt32
    public var maxDelayMicroseconds: UInt32

    /// 12 tries, 10 ms doubling to at most 400 ms: about 2.5 s in all.
    public static let standard = BusyRetry(attempts: 12, firstDelayMicroseconds: 10_000, maxDelayMicroseconds: 400_000)

    public init(attempts: Int, firstDelayMicroseconds: UInt32, maxDelayMicroseconds: UInt32) {
        self.attempts = max(1, attempts)
        self.firstDelayMicroseconds = firstDelayMicroseconds
        self.maxDelayMicroseconds = maxDelayMicroseconds
    }

    /// Runs `body`; on EBUSY, while `transient()` says nobody durable holds the device, sleeps and tries again.
    public func run<T>(transient: () -> Bool = { true }, _ body: () throws(HostError) -> T) throws(HostError) -> T {
        var delay = firstDelayMicroseconds
        var attempt = 1
        while true {
            do { return try body() } catch {
                guard error.errno == .resourceBusy, attempt < attempts, transient() else { throw error }
                usleep(delay)
                delay = min(delay * 2, maxDelayMicroseconds)
                attempt += 1
            }
        }
    }
}

extension ZramDevice {
    /// reset, waiting out transient openers (not swap or mounts).
    public func resetWaitingForUdev(_ retry: BusyRetry = .standard) throws(HostError) {
        waitForUdev()
        try retry.run(transient: { holders().allSatisfy(\.isTransient) }) { () throws(HostError) in try reset() }
    }
}

extension ZramControl {
    public func hotRemoveWaitingForUdev(_ device: ZramDevice, _ retry: BusyRetry = .standard) throws(HostError) {
        device.waitForUdev()
        try retry.run(transient: { device.holders().allSatisfy(\.isTransient) }) { () throws(HostError) in try hotRemove(device) }
    }
}

extension ZramDevice {
    /// Lets udev finish its events for the device first (bounded, 2 s), so that the EBUSY retries are left
    /// for openers udev cannot account for. Live host only; without a udev daemon it returns at once.
    func waitForUdev() {
        guard root.isLive else { return }
        _ = UdevDevices()?.waitUntilSettled(name)
    }
}
