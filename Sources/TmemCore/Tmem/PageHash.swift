/// A fast 64-bit content hash used only to find deduplication candidates; equality is always decided by
/// comparing bytes, so collisions cost time, never correctness.
enum PageHash {
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        let words = bytes.count / 8
        var i = 0
        while i < words {
            let w = bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            h = (h ^ (w &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 1
        }
        var j = words * 8
        while j < bytes.count {
            h = (h ^ UInt64(bytes[j])) &* 0x94D0_49BB_1331_11EB
            j += 1
        }
        h ^= h >> 31
        h = h &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 32)
    }
}
