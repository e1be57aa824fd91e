import CShim
#if canImport(Glibc)
import Glibc
#endif

/// Thin wrappers over the C LZ4 codec so the tests read as bytes in, bytes out.
enum LZ4Calls {
    /// LZ4_COMPRESSBOUND: the most an LZ4 block of `n` input bytes can take.
    static func bound(_ n: Int) -> Int { n + n / 255 + 16 }

    struct Compressed {
        /// nil when the encoder returned 0 (does not fit in the capacity).
        var bytes: [UInt8]?
        /// False if anything was written past the capacity (checked with a canary tail).
        var stayedInBounds: Bool
    }

    static func compress(_ input: [UInt8], capacity: Int? = nil) -> Compressed {
        let cap = capacity ?? bound(input.count)
        let canary = 64
        var out = [UInt8](repeating: 0xEE, count: cap + canary)
        let work = UnsafeMutableRawPointer.allocate(byteCount: Int(CSHIM_LZ4_WRKMEM_SIZE), alignment: 8)
        defer { work.deallocate() }
        let n = input.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                cshim_lz4_compress(src.baseAddress, src.count, dst.baseAddress, cap, work)
            }
        }
        let intact = out[cap...].allSatisfy { $0 == 0xEE }
        return Compressed(bytes: n > 0 ? Array(out[..<Int(n)]) : nil, stayedInBounds: intact)
    }

    /// Compresses and insists on success (the capacity is the worst-case bound).
    static func encode(_ input: [UInt8]) -> [UInt8] {
        compress(input).bytes ?? []
    }

    static func decompress(_ stream: [UInt8], capacity: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: max(capacity, 1))
        let n = stream.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                cshim_lz4_decompress_safe(src.baseAddress, src.count, dst.baseAddress, capacity)
            }
        }
        return n >= 0 ? Array(out[..<Int(n)]) : nil
    }
}

/// Source and destination buffers that end exactly at an inaccessible page, so a decoder that reads
/// one byte past its input or writes one byte past its capacity dies with SIGSEGV instead of passing.
final class GuardedBuffers {
    private let pageBytes = 4096
    private let srcRegion: UnsafeMutableRawPointer
    private let dstRegion: UnsafeMutableRawPointer
    let srcSpace: Int
    let dstSpace: Int

    init(srcSpace: Int, dstSpace: Int) {
        self.srcSpace = srcSpace
        self.dstSpace = dstSpace
        func map(_ bytes: Int) -> UnsafeMutableRawPointer {
            let pages = (bytes + 4095) / 4096
            let total = (pages + 1) * 4096
            let p = mmap(nil, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)!
            precondition(p != MAP_FAILED, "mmap failed")
            precondition(mprotect(p + pages * 4096, 4096, PROT_NONE) == 0, "mprotect failed")
            return p
        }
        srcRegion = map(srcSpace)
        dstRegion = map(dstSpace)
    }

    deinit {
        munmap(srcRegion, ((srcSpace + 4095) / 4096 + 1) * 4096)
        munmap(dstRegion, ((dstSpace + 4095) / 4096 + 1) * 4096)
    }

    private func end(_ region: UnsafeMutableRawPointer, _ space: Int) -> UnsafeMutableRawPointer {
        region + (space + 4095) / 4096 * 4096
    }

    /// Decodes `stream` placed flush against the guard page into `capacity` bytes that also end at one.
    /// Returns the C result and the decoded bytes.
    func decode(_ stream: [UInt8], capacity: Int) -> (result: Int32, output: [UInt8]) {
        precondition(stream.count <= srcSpace && capacity <= dstSpace)
        let src = end(srcRegion, srcSpace) - stream.count
        if !stream.isEmpty { stream.withUnsafeBytes { src.copyMemory(from: $0.baseAddress!, byteCount: $0.count) } }
        let dst = end(dstRegion, dstSpace) - capacity
        let r = cshim_lz4_decompress_safe(src.assumingMemoryBound(to: UInt8.self), stream.count,
                                          dst.assumingMemoryBound(to: UInt8.self), capacity)
        let produced = r > 0 ? Array(UnsafeRawBufferPointer(start: dst, count: Int(r))) : []
        return (r, produced)
    }
}
