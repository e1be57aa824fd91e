import TmemCore

/// Pages in one page-aligned buffer, as O_DIRECT needs them; filled once, outside any timed section. A corpus in
/// memory already is such a buffer and is used as it is (one copy of the pages, not two); only a file corpus is
/// read into a buffer of its own.
public final class AlignedPages {
    /// Read-only when it is the corpus's own buffer.
    public let pointer: UnsafeMutableRawPointer
    public let byteCount: Int
    /// Keeps the corpus's buffer alive; nil when the buffer is ours.
    private let corpus: PageCorpus?

    public init(_ corpus: PageCorpus) {
        byteCount = corpus.byteCount
        if let base = corpus.memoryBase {
            pointer = UnsafeMutableRawPointer(mutating: base)
            self.corpus = corpus
            return
        }
        pointer = .allocate(byteCount: byteCount, alignment: pageSize)
        self.corpus = nil
        let destination = pointer
        corpus.forEachChunk { first, chunk in
            (destination + first * pageSize).copyMemory(from: chunk.baseAddress!, byteCount: chunk.count)
        }
    }

    public init(byteCount: Int) {
        self.byteCount = byteCount
        pointer = .allocate(byteCount: byteCount, alignment: pageSize)
        corpus = nil
    }

    deinit { if corpus == nil { pointer.deallocate() } }
}
