#if canImport(Glibc)
import Glibc
#endif

/// Bytes placed flush against an inaccessible guard page, so a decoder that reads or writes even one byte
/// past the end crashes the test instead of silently over-reading. Fuzz tests put both the compressed
/// input and the output buffer in one of these.
public final class GuardedBuffer {
    private let mapping: UnsafeMutableRawPointer
    private let mappingSize: Int
    private let capacity: Int

    /// Room for up to `capacity` bytes, the last of which sits just before the guard page.
    public init(capacity: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let dataPages = (capacity + page - 1) / page
        mappingSize = (dataPages + 1) * page
        let p = mmap(nil, mappingSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        precondition(p != MAP_FAILED, "mmap for a guarded buffer failed")
        mapping = p!
        precondition(mprotect(mapping + dataPages * page, page, PROT_NONE) == 0, "mprotect failed")
        self.capacity = dataPages * page
    }

    deinit { munmap(mapping, mappingSize) }

    /// A read-only view of `bytes` ending exactly at the guard page.
    public func holding(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        precondition(bytes.count <= capacity)
        let start = mapping + (capacity - bytes.count)
        if let base = bytes.baseAddress { start.copyMemory(from: base, byteCount: bytes.count) }
        return UnsafeRawBufferPointer(start: start, count: bytes.count)
    }

    /// A writable region of `count` bytes ending exactly at the guard page.
    public func tail(_ count: Int) -> UnsafeMutableRawBufferPointer {
        precondition(count <= capacity)
        return UnsafeMutableRawBufferPointer(start: mapping + (capacity - count), count: count)
    }
}
