#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutex for short critical sections (map updates; compression and decompression run outside it). Adaptive
/// (glibc's PTHREAD_MUTEX_ADAPTIVE_NP): a waiter spins briefly before sleeping, since the holder is about to
/// let go, which keeps two cores from trading futex sleeps and wake-ups on every page.
final class TmemLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        var attr = pthread_mutexattr_t()
        pthread_mutexattr_init(&attr)
        pthread_mutexattr_settype(&attr, 3)     // PTHREAD_MUTEX_ADAPTIVE_NP, not exported to Swift
        precondition(pthread_mutex_init(mutex, &attr) == 0)
        pthread_mutexattr_destroy(&attr)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inline(__always)
    func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
