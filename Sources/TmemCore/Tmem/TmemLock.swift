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

/// The store's pool-table lock: every page operation holds it shared (then its pool's own lock), so operations on
/// different pools, and the compression around them, run in parallel; what spans pools (store-wide eviction,
/// limits, pool creation and removal, snapshots) holds it exclusive and sees every pool at rest. Writers are
/// preferred, so a steady stream of page operations cannot starve an eviction.
final class TmemRWLock: @unchecked Sendable {
    private let rw: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        rw = .allocate(capacity: 1)
        rw.initialize(to: pthread_rwlock_t())
        var attr = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attr)
        #if canImport(Glibc)
        // PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP (glibc): readers wait once a writer waits.
        pthread_rwlockattr_setkind_np(&attr, 2)
        #endif
        precondition(pthread_rwlock_init(rw, &attr) == 0)
        pthread_rwlockattr_destroy(&attr)
    }

    deinit {
        pthread_rwlock_destroy(rw)
        rw.deallocate()
    }

    @inline(__always)
    func withShared<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        pthread_rwlock_rdlock(rw)
        defer { pthread_rwlock_unlock(rw) }
        return try body()
    }

    @inline(__always)
    func withExclusive<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        pthread_rwlock_wrlock(rw)
        defer { pthread_rwlock_unlock(rw) }
        return try body()
    }
}
