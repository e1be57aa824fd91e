import Testing
import TmemCore

@Suite struct PageClassifierTests {
    @Test func zeroPageIsSameFilledWithZero() {
        #expect(PageClassifier.classify([UInt8](repeating: 0, count: pageSize)) == .sameFilled(fill: 0))
    }

    @Test func repeatedEightBytePatternIsSameFilled() {
        let word: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        let page = Array((0..<512).map { _ in word }.joined())
        // Little-endian reading of bytes 01..08.
        #expect(PageClassifier.classify(page) == .sameFilled(fill: 0x0807_0605_0403_0201))
    }

    @Test(arguments: [0, 7, 8, 2047, 4088, 4095])
    func oneDifferentByteAnywhereMakesItOther(at offset: Int) {
        var page = [UInt8](repeating: 0xAA, count: pageSize)
        page[offset] = 0xAB
        #expect(PageClassifier.classify(page) == .other)
    }

    @Test func fourBytePatternThatRepeatsEveryEightBytesIsSame() {
        let page = Array((0..<1024).map { _ in [UInt8](arrayLiteral: 9, 9, 9, 9) }.joined())
        #expect(PageClassifier.classify(page) == .sameFilled(fill: 0x0909_0909_0909_0909))
    }
}
