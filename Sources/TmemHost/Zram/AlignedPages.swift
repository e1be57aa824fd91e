import TmemCore

/// Pages in one page-aligned buffer, as O_DIRECT needs them; filled once, outside any timed section.
public final class AlignedPages {
    public let pointer: UnsafeMutableRawPointer
    public let byteCount: Int

    public init(_ corpus: PageCorpus) {
        byteCount = corpus.bytes.count
        pointer = .allocate(byteCount: byteCount, alignment: pageSize)
        corpus.bytes.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: byteCount) }
    }

    public init(byteCount: Int) {
        self.byteCount = byteCount
        pointer = .allocate(byteCount: byteCount, alignment: pageSize)
    }

    deinit { pointer.deallocate() }
}
