/// What the kernel's swap-out path (Linux 6.12+, docs/kernel-notes.md#zswap-storing, #swap-path) stores where, for pages pushed out of a
/// process onto a zram swap device, optionally with zswap in front:
/// - the swap header page was written to slot 0 of the device before swapon: one ordinary zram page;
/// - a zero-filled page only sets its bit in the swap area's zeromap (swpout_zero); neither zswap nor zram sees it;
/// - with zswap enabled every other page is offered to zswap first (non-zero same-filled pages are compressed
///   like any page, incompressible ones stored as-is); only what zswap refuses reaches zram (pswpout);
/// - without zswap, zram stores it: non-zero same-filled pages as ZRAM_SAME, the rest compressed.
public struct SwapPathModel: Sendable {
    public private(set) var zram: ZramModel
    public private(set) var zswap: ZswapModel?
    /// vmstat deltas the run should show.
    public private(set) var swpoutZero = 0
    public private(set) var pswpout = 0
    public private(set) var zswpout = 0

    /// `zram` is a fresh device model; `zswap` a fresh zswap model, or nil when zswap is off.
    public init(zram: ZramModel, zswap: ZswapModel?) {
        self.zram = zram
        self.zswap = zswap
    }

    /// The header page that mkswap (or tmemctl) wrote at offset 0.
    public mutating func writeHeader(_ content: PageContent) {
        zram.write(index: 0, content)
    }

    /// One page swapped out to `offset`. `content` must carry the compressed length of every page that is not
    /// zero-filled (zswap compresses non-zero same-filled pages too).
    public mutating func swapOut(offset: Int, _ content: PageContent) {
        if var z = zswap {
            let result = z.store(offset: offset, content)
            zswap = z
            switch result {
            case .zeroMap:
                swpoutZero += 1
            case .compressed, .storedAsIs, .sameFilled:
                zswpout += 1
            case .rejected:
                pswpout += 1
                zram.write(index: offset, content)
            }
            return
        }
        if content.isZeroFilled {
            swpoutZero += 1
            return
        }
        pswpout += 1
        zram.write(index: offset, content)
    }
}
