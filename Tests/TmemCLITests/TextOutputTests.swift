import FoundationEssentials
import Testing
@testable import TmemCLI

/// The one table renderer and the one number formatter, against layouts and roundings worked out by hand.
@Suite struct TextOutputTests {
    @Test func tableAlignsNumbersRightAndLeavesTheLastTextColumnUnpadded() {
        let t = TextTable(headers: ["NAME", "SIZE", "NOTE"], alignments: [.left, .right, .left],
                          rows: [["a", "1", "x"], ["bbbbbb", "12345", ""]])
        #expect(t.render() == "NAME    SIZE NOTE\na          1 x\nbbbbbb 12345 ")
        // Without headings the columns keep the widths the headings gave them.
        #expect(t.render(headings: false) == "a          1 x\nbbbbbb 12345 ")
        #expect(t.render(headings: false, raw: true) == "a 1 x\nbbbbbb 12345 ")
    }

    @Test func minimumWidthsSeparatorAndTrimming() {
        let t = TextTable(headers: ["PAGE", "KIND", "SIZE", "FILL"], alignments: [.right, .left, .right, .left], separator: "  ",
                          minimumWidths: [8, 10, 6], trimsTrailingSpaces: true, rows: [["0", "compressed", "812", ""]])
        #expect(t.lines() == ["    PAGE  KIND          SIZE  FILL", "       0  compressed     812"])
    }

    /// libsmartcols' width hint as zramctl showed it live on 6.18: DATA (hint 5) holding `5.1M` printed five
    /// wide, holding `4K` four wide (the heading's width).
    @Test func widthHintsWidenOnlyColumnsWhoseCellsFillTheHeading() {
        func table(_ cell: String) -> String {
            var t = TextTable(headers: ["DATA", "X"], alignments: [.right, .left], rows: [[cell, "x"]])
            t.widthHints = [5, 0]
            return t.render()
        }
        #expect(table("5.1M") == " DATA X\n 5.1M x")
        #expect(table("4K") == "DATA X\n  4K x")
        #expect(table("884.9K") == "  DATA X\n884.9K x")
    }

    @Test func rawEscapesSpacesSoEveryLineHasTheSameFields() {
        let t = TextTable(headers: ["A", "B"], alignments: [.left, .left], rows: [["x y", "z"]])
        #expect(t.render(raw: true) == "A B\nx\\x20y z")
    }

    @Test func decimalsRoundAsPrintfDoes() {
        #expect(NumberFormat.fixed(4, digits: 2) == "4.00")
        #expect(NumberFormat.fixed(1.125, digits: 2) == "1.12")     // an exact binary tie: to even
        #expect(NumberFormat.fixed(2.675, digits: 2) == "2.67")     // 2.67499999999999982236431605997495353221893310546875
        #expect(NumberFormat.fixed(1234.5, digits: 0) == "1234")
        #expect(NumberFormat.percent(0.1234) == "12.3%")
        #expect(NumberFormat.hexWord(0xDEAD_BEEF) == "0x00000000deadbeef")
        // Longer than the first buffer (128 bytes); the digits are C's printf("%.1f", 1e200) (Python's % operator).
        #expect(NumberFormat.fixed(1e200, digits: 1) == "99999999999999996973312221251036165947450327545502362648241750950346848435554075534196338404706251868027512415973882408182135734368278484639385041047239877871023591066789981811181813306167128854888448.0")
        #expect(NumberFormat.printf("%02d:%02d:%02d", Int32(7), Int32(5), Int32(59)) == "07:05:59")
    }

    /// A file error from FoundationEssentials is shown as the path and the errno name, not Foundation's wording.
    @Test func fileErrorsNameThePathAndTheErrno() {
        do {
            _ = try Data(contentsOf: URL(fileURLWithPath: "/nonexistent-tmemctl-test/pages"))
            Issue.record("read a file that does not exist")
        } catch {
            #expect(CommandErrors.userText(error) == "/nonexistent-tmemctl-test/pages: ENOENT")
        }
        #expect(CommandErrors.userText(POSIXError(.EACCES)) == "EACCES")
    }

    @Test func sizes() {
        #expect(NumberFormat.zramctlSize(1023, exact: false) == "1023B")
        #expect(NumberFormat.zramctlSize(2_359_296, exact: false) == "2.3M")        // 2.25 MiB, one decimal
        // The unit comes from the byte count, then the tenths round: 1023.996 MiB is "1024M" and 1,048,570 bytes
        // (1023 KiB + 1018 B) is "1024K", as util-linux prints them (zramctl showed 1024K on the live kernel).
        #expect(NumberFormat.zramctlSize(1_073_737_728, exact: false) == "1024M")
        #expect(NumberFormat.zramctlSize(1_048_570, exact: false) == "1024K")
        #expect(NumberFormat.zramctlSize(1_048_576, exact: false) == "1M")
        // 2.84 MiB: 860 1/1024ths would round to .9, but util-linux takes thousandths: 2.8M.
        #expect(NumberFormat.zramctlSize(2_977_955, exact: false) == "2.8M")        // rest 880,803 B = 839 thousandths
        #expect(NumberFormat.zramctlSize(2_988_442, exact: false) == "2.9M")        // rest 891,290 B = 850 thousandths
        #expect(NumberFormat.zramctlSize(1_073_737_728, exact: true) == "1073737728")
        #expect(NumberFormat.iecSize(1023) == "1023 B")
        #expect(NumberFormat.iecSize(1536) == "1.5 KiB")
        #expect(NumberFormat.mebibytes(262_144) == "0.2 MiB")
    }
}
