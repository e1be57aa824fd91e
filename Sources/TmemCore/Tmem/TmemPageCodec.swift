#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The compressor a tmem store uses, in the shape of the project's `PageCompressor` (one instance per thread:
/// it owns work memory). The store keeps one per thread stripe so every core compresses at once.
public protocol TmemPageCodec: AnyObject {
    /// Compressed length of one 4 KiB page; PAGE_SIZE or more means "does not compress".
    func compress(_ page: UnsafeRawBufferPointer) -> Int
    /// Bytes of the last `compress`.
    var output: UnsafeRawBufferPointer { get }
    /// Decodes `src` into `dst`, returning the decoded length; throws on a corrupt stream.
    func decompress(_ src: UnsafeRawBufferPointer, into dst: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Codecs striped by thread: each thread has a small ordinal (given on its first tmem operation) and uses the
/// codec of stripe `ordinal % stripes`, created when first needed. Threads rarely share a stripe, so the stripe's
/// lock is almost never contended and its cache line stays with one core; it is taken once per operation and
/// held for the whole operation (compression and the store's update, or the copy-out and the decompression).
/// Lock order: stripe, then the store's pool-table lock, then a pool's lock.
final class TmemCodecStripes: @unchecked Sendable {
    static let stripes = 64

    final class Stripe: @unchecked Sendable {
        let lock = TmemLock()
        // Guarded by `lock`.
        var codec: (any TmemPageCodec)?
        /// Compressed bytes copied out of a pool, so decompression runs outside the pool's lock.
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: 64)
        deinit { scratch.deallocate() }
    }

    private let make: () -> any TmemPageCodec
    private let table: [Stripe]

    init(_ make: @escaping () -> any TmemPageCodec) {
        self.make = make
        table = (0..<Self.stripes).map { _ in Stripe() }
    }

    func withCodec<T>(_ body: (any TmemPageCodec, UnsafeMutableRawBufferPointer) throws -> T) rethrows -> T {
        let stripe = table[ThreadOrdinal.current % Self.stripes]
        return try stripe.lock.withLock {
            let codec: any TmemPageCodec
            if let c = stripe.codec { codec = c } else { codec = make(); stripe.codec = codec }
            return try body(codec, stripe.scratch)
        }
    }
}

/// A small number per thread, handed out in order of first use; kept in thread-specific data.
enum ThreadOrdinal {
    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        precondition(pthread_key_create(&k, nil) == 0, "tmem: no thread-specific key left")
        return k
    }()
    private static let next = Atomic<Int>(0)

    static var current: Int {
        if let p = pthread_getspecific(key) { return Int(bitPattern: p) - 1 }
        let n = next.wrappingAdd(1, ordering: .relaxed).oldValue
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: n + 1))
        return n
    }
}
