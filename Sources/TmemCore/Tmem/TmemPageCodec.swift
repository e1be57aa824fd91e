/// The compressor a tmem store uses, in the shape of the project's `PageCompressor` (one instance per thread:
/// it owns work memory). The store keeps a small pool of them so both cores can compress at once.
public protocol TmemPageCodec: AnyObject {
    /// Compressed length of one 4 KiB page; PAGE_SIZE or more means "does not compress".
    func compress(_ page: UnsafeRawBufferPointer) -> Int
    /// Bytes of the last `compress`.
    var output: UnsafeRawBufferPointer { get }
    /// Decodes `src` into `dst`, returning the decoded length; throws on a corrupt stream.
    func decompress(_ src: UnsafeRawBufferPointer, into dst: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Codecs handed out one per concurrent caller and returned afterwards.
final class TmemCodecPool: @unchecked Sendable {
    private let make: () -> any TmemPageCodec
    private var idle: [any TmemPageCodec] = []
    private let lock = TmemLock()

    init(_ make: @escaping () -> any TmemPageCodec) { self.make = make }

    func withCodec<T>(_ body: (any TmemPageCodec) throws -> T) rethrows -> T {
        let codec = lock.withLock { idle.popLast() } ?? make()
        defer { lock.withLock { idle.append(codec) } }
        return try body(codec)
    }
}
