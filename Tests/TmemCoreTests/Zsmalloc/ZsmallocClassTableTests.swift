import Testing
@testable import TmemCore

/// The class tables against docs/kernel-notes.md#zsmalloc-class-tables, which lists them from `zsmalloc.rst` and an independent recomputation.
@Suite struct ZsmallocClassTableTests {
    static let chain8Reference = """
    32:1/128 48:3/256 64:1/64 80:5/256 96:3/128 112:7/256 128:1/32 144:7/199 160:5/128 176:4/93 192:3/64 208:3/59
    224:7/128 240:1/17 256:1/16 272:1/15 288:5/71 304:7/94 320:5/64 336:6/73 352:8/93 368:8/89 384:3/32 400:5/51
    416:6/59 432:7/66 448:7/64 464:5/44 480:2/17 496:4/33 512:1/8 528:4/31 544:2/15 560:7/51 576:1/7 592:8/55
    608:7/47 624:2/13 640:5/32 656:5/31 672:1/6 688:8/47 704:5/29 720:3/17 736:2/11 752:7/38 768:3/16 784:5/26
    816:1/5 832:8/39 848:5/24 864:7/33 880:8/37 896:7/32 912:7/31 928:5/22 944:3/13 960:4/17 976:6/25 992:8/33
    1024:1/4 1056:8/31 1072:5/19 1088:4/15 1104:3/11 1120:8/29 1136:5/18 1168:2/7 1184:7/24 1200:5/17 1216:3/10 1232:7/23
    1248:4/13 1280:5/16 1296:7/22 1360:1/3 1424:8/23 1440:6/17 1456:5/14 1488:4/11 1504:7/19 1536:3/8 1552:8/21 1568:5/13
    1584:7/18 1632:2/5 1680:7/17 1696:5/12 1712:8/19 1744:3/7 1792:7/16 1808:4/9 1856:5/11 1888:6/13 1904:7/15 1920:8/17
    2048:1/2 2176:8/15 2192:7/13 2224:6/11 2272:5/9 2336:4/7 2384:7/12 2448:3/5 2512:8/13 2560:5/8 2592:7/11 2720:2/3
    2864:7/10 2912:5/7 2976:8/11 3072:3/4 3184:7/9 3264:4/5 3408:5/6 3504:6/7 3584:7/8 3632:8/9 4096:1/1
    """

    static let legacyReference = """
    32:1/128 48:3/256 64:1/64 80:1/51 96:3/128 112:2/73 128:1/32 144:3/85 160:2/51 176:4/93 192:3/64 208:2/39
    224:4/73 240:1/17 256:1/16 272:1/15 288:1/14 304:3/40 320:4/51 336:1/12 352:2/23 368:1/11 384:3/32 400:1/10
    416:4/39 432:3/28 448:1/9 464:4/35 480:2/17 496:4/33 512:1/8 528:4/31 544:2/15 560:4/29 576:1/7 592:4/27
    608:3/20 624:2/13 640:3/19 672:1/6 704:4/23 720:3/17 736:2/11 768:3/16 816:1/5 848:4/19 864:3/14 896:2/9
    944:3/13 960:4/17 1024:1/4 1088:4/15 1104:3/11 1168:2/7 1216:3/10 1248:4/13 1360:1/3 1488:4/11 1536:3/8 1632:2/5
    1744:3/7 1808:4/9 2048:1/2 2336:4/7 2448:3/5 2720:2/3 3072:3/4 3264:4/5 4096:1/1
    """

    static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    }

    @Test func chain8MatchesTheReferenceTable() {
        let table = ZsmallocClassTable(chainSize: 8)
        let expected = Self.tokens(Self.chain8Reference)
        #expect(expected.count == 119)
        #expect(table.classes.map(\.description) == expected)
    }

    @Test func legacyUsagePercentRuleMatchesTheReferenceTable() {
        let table = ZsmallocClassTable(rule: .usagePercent)
        let expected = Self.tokens(Self.legacyReference)
        #expect(expected.count == 69)
        #expect(table.classes.map(\.description) == expected)
    }

    @Test func hugeClassSizeByChain() {
        #expect(ZsmallocClassTable(chainSize: 8).hugeClassSize == 3625)
        #expect(ZsmallocClassTable(chainSize: 4).hugeClassSize == 3257)
        #expect(ZsmallocClassTable(rule: .usagePercent).hugeClassSize == 3257)
        #expect(ZsmallocClassTable(chainSize: 16).hugeClassSize == 3833)
        #expect(ZsmallocClassTable(chainSize: 16).classes.count == 192)
    }

    /// zsmalloc.rst's chain-8 examples: index/size/pages 202/3264/4, 211/3408/5, 217/3504/6, 222/3584/7, 225/3632/8.
    @Test func documentedChain8ClassIndices() {
        let table = ZsmallocClassTable(chainSize: 8)
        let documented = [(202, 3264, 4), (211, 3408, 5), (217, 3504, 6), (222, 3584, 7), (225, 3632, 8)]
        for (index, size, pages) in documented {
            let cls = table.classes[table.distinctPosition[index]]
            #expect(cls.index == index && cls.size == size && cls.pagesPerZspage == pages)
        }
    }

    /// docs/kernel-notes.md#zsmalloc-size-classes: chain 4 under the ≥ 6.3 rule differs from the old table at 208 (3/59 instead of 2/39).
    @Test func chain4NewRuleDiffersFromLegacyAt208() {
        let newRule = ZsmallocClassTable(chainSize: 4)
        let cls = newRule.classes.first { $0.size == 208 }
        #expect(cls?.pagesPerZspage == 3 && cls?.objectsPerZspage == 59)
    }

    /// docs/kernel-notes.md#zsmalloc-class-tables worked example: comp_len 1560 → 1568 B (index 96, 5/13); under the old rules class 1632 (2/5).
    /// Anything whose size + 8 exceeds 3632 costs a full page at chain 8.
    @Test func requestsMapToMergedClasses() {
        let chain8 = ZsmallocClassTable(chainSize: 8)
        let c = chain8.sizeClass(forRequest: 1560)
        #expect(c.index == 96 && c.size == 1568 && c.pagesPerZspage == 5 && c.objectsPerZspage == 13)
        #expect(ZsmallocClassTable(rule: .usagePercent).sizeClass(forRequest: 1560).description == "1632:2/5")
        #expect(chain8.sizeClass(forRequest: 3624).description == "3632:8/9")
        #expect(chain8.sizeClass(forRequest: 3625).description == "4096:1/1")
        #expect(chain8.sizeClass(forRequest: 4096).description == "4096:1/1")
        #expect(chain8.sizeClass(forRequest: 1).description == "32:1/128")
        #expect(chain8.sizeClass(forRequest: 24).description == "32:1/128")
        #expect(chain8.sizeClass(forRequest: 25).description == "48:3/256")
        #expect(ZsmallocClassTable.rawClassCount == 255)
    }
}
