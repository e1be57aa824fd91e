import TmemCore

/// A codec whose compressed length is chosen by the test: a synthetic page carries a 12-byte header
/// (magic A5 5A, u16 length, u64 seed) and is otherwise SplitMix64(seed) bytes, so the "compressed" form is
/// the header padded to the chosen length and decompression regenerates the page. Any other page is
/// reported incompressible. This keeps allocator and memlimit expectations computable by hand.
final class SyntheticCodec: TmemPageCodec {
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
    private var length = 0

    deinit { buffer.deallocate() }

    static func page(length: Int, seed: UInt64) -> [UInt8] {
        precondition(length >= 12 && length <= 0xFFFF)
        var p = [UInt8](repeating: 0, count: 4096)
        p[0] = 0xA5; p[1] = 0x5A
        p[2] = UInt8(length & 0xFF); p[3] = UInt8(length >> 8)
        for i in 0..<8 { p[4 + i] = UInt8((seed >> (8 * UInt64(i))) & 0xFF) }
        fillBody(&p, seed: seed)
        return p
    }

    private static func fillBody(_ p: inout [UInt8], seed: UInt64) {
        var g = SplitMix64(seed: seed)
        var i = 12
        while i < 4096 {
            let w = g.next()
            for b in 0..<8 where i + b < 4096 { p[i + b] = UInt8((w >> (8 * UInt64(b))) & 0xFF) }
            i += 8
        }
    }

    func compress(_ page: UnsafeRawBufferPointer) -> Int {
        guard page[0] == 0xA5, page[1] == 0x5A else { length = 4096; return 4096 }
        length = Int(page[2]) | Int(page[3]) << 8
        for i in 0..<4096 { buffer[i] = i < 12 ? page[i] : 0 }
        return length
    }

    var output: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: buffer.baseAddress, count: min(length, 4096))
    }

    struct Corrupt: Error {}

    func decompress(_ src: UnsafeRawBufferPointer, into dst: UnsafeMutableRawBufferPointer) throws -> Int {
        guard src.count >= 12, src[0] == 0xA5, src[1] == 0x5A else { throw Corrupt() }
        var seed: UInt64 = 0
        for i in 0..<8 { seed |= UInt64(src[4 + i]) << (8 * UInt64(i)) }
        var p = [UInt8](repeating: 0, count: 4096)
        for i in 0..<12 { p[i] = src[i] }
        SyntheticCodec.fillBody(&p, seed: seed)
        p.withUnsafeBytes { dst.copyMemory(from: $0) }
        return 4096
    }
}
