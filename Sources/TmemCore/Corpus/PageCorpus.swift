/// A sequence of 4 KiB pages held in one buffer; a corpus file is exactly these bytes (raw pages,
/// concatenated, no header).
public struct PageCorpus: Sendable, Equatable {
    public let bytes: [UInt8]

    /// The largest corpus tmemctl builds or loads: 2^22 pages (16 GiB). One bound for every command, so that a
    /// typo in --pages or a device given as --corpus is refused with a message instead of exhausting memory
    /// (or overflowing `pages * pageSize`).
    public static let maxPages = 1 << 22
    public static let pageCountRange = 1...maxPages

    public var pageCount: Int { bytes.count / pageSize }

    public init(bytes: [UInt8]) throws(PageCorpusError) {
        if bytes.isEmpty { throw .empty }
        if bytes.count % pageSize != 0 { throw .partialLastPage(byteCount: bytes.count) }
        self.bytes = bytes
    }

    /// Calls body with page `index` (0-based) as a 4096-byte buffer.
    public func withPage<T>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        precondition(index >= 0 && index < pageCount, "page \(index) out of range 0..<\(pageCount)")
        return try bytes.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[index * pageSize ..< (index + 1) * pageSize]))
        }
    }

    /// A copy of page `index`.
    public func page(_ index: Int) -> [UInt8] {
        withPage(index) { Array($0) }
    }
}

public enum PageCorpusError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case partialLastPage(byteCount: Int)

    public var description: String {
        switch self {
        case .empty:
            return "the corpus is empty; it must hold at least one \(pageSize)-byte page"
        case .partialLastPage(let n):
            return "the corpus is \(n) bytes, not a multiple of \(pageSize): its last page is only "
                + "\(n % pageSize) bytes; a corpus is whole \(pageSize)-byte pages, concatenated"
        }
    }
}
