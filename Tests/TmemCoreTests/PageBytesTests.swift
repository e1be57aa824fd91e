import Testing
import TmemCore

/// Issue 14 item 3: page compares by memcmp must still see a difference in any single byte.
@Suite struct PageBytesTests {
    @Test(arguments: [0, 1, 7, 8, 2047, 4095])
    func aDifferenceInAnyByteIsSeen(at offset: Int) {
        let a = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: 64)
        let b = UnsafeMutableRawBufferPointer.allocate(byteCount: pageSize, alignment: 64)
        defer { a.deallocate(); b.deallocate() }
        for i in 0..<pageSize { a[i] = UInt8(truncatingIfNeeded: i &* 31); b[i] = a[i] }
        #expect(PageBytes.equal(a, b))
        b[offset] ^= 0x80
        #expect(!PageBytes.equal(a, b))
        #expect(!PageBytes.equal(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(rebasing: a[0..<4095])))
    }
}
