import CShim
#if canImport(Glibc)
import Glibc
#endif

/// The page size every model and compressor in tmemctl works on (x86_64 and arm64 4K kernels).
public let pageSize = 4096

/// How zram would store a page before compression is even tried.
public enum PageClass: Equatable, Sendable {
    /// All 512 words equal: zram stores only the word (ZRAM_SAME), no compression, no memory.
    case sameFilled(fill: UInt64)
    /// Anything else goes to the compressor.
    case other
}

public enum PageClassifier {
    /// Classifies one 4 KiB page as zram's same-filled test does.
    public static func classify(_ page: UnsafeRawBufferPointer) -> PageClass {
        precondition(page.count == pageSize, "a page is exactly \(pageSize) bytes")
        var fill: UInt64 = 0
        return cshim_page_same_filled(page.baseAddress!, &fill) == 1 ? .sameFilled(fill: fill) : .other
    }

    public static func classify(_ page: [UInt8]) -> PageClass {
        page.withUnsafeBytes { classify($0) }
    }
}

/// Byte equality of pages by memcmp: `elementsEqual` walks both buffers through the generic iterator (~49k
/// instructions a page in callgrind), memcmp compares words.
public enum PageBytes {
    public static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0 else { return true }
        return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }

    public static func equal(_ a: UnsafeMutableRawBufferPointer, _ b: UnsafeMutableRawBufferPointer) -> Bool {
        equal(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b))
    }
}
