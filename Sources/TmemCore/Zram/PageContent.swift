/// What the zram and zswap models need to know about one page: whether it is same-filled (and with which 8-byte
/// word), and its kernel-exact compressed length with the algorithm in use. Computing it is the expensive part
/// (compression), so callers can prepare pages in parallel and feed the models in order.
public struct PageContent: Equatable, Sendable {
    /// The repeated word when all 512 words of the page are equal (zram's ZRAM_SAME test), else nil.
    public var fill: UInt64?
    /// The compressor's output length; nil when the consumer never compresses this page (zram skips
    /// same-filled pages).
    public var compressedLength: Int?

    public init(fill: UInt64?, compressedLength: Int?) {
        self.fill = fill
        self.compressedLength = compressedLength
    }

    public static func sameFilled(_ fill: UInt64) -> PageContent { PageContent(fill: fill, compressedLength: nil) }
    public static func compressed(_ length: Int) -> PageContent { PageContent(fill: nil, compressedLength: length) }

    public var isZeroFilled: Bool { fill == 0 }
}
