import Foundation
import Testing
import TmemControl

/// Expected diffs written by hand in the format of `diff -u` (what GNU diff prints for the same inputs).
@Suite struct UnifiedDiffTests {
    @Test func oneChangedLineWithContext() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n"
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n"
        #expect(UnifiedDiff.render(old: old, new: new, oldName: "x", newName: "x") ==
                "--- x\n+++ x\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n")
    }

    @Test func createdAndRemovedFiles() {
        #expect(UnifiedDiff.render(old: nil, new: "l1\nl2\n", oldName: "f", newName: "f") == "--- /dev/null\n+++ f\n@@ -0,0 +1,2 @@\n+l1\n+l2\n")
        #expect(UnifiedDiff.render(old: "l1\n", new: nil, oldName: "f", newName: "f") == "--- f\n+++ /dev/null\n@@ -1 +0,0 @@\n-l1\n")
        #expect(UnifiedDiff.render(old: "same\n", new: "same\n", oldName: "f", newName: "f") == "")
    }

    @Test func distantChangesMakeTwoHunks() {
        let old = (1...20).map { "\($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "\n2\n", with: "\ntwo\n").replacingOccurrences(of: "\n19\n", with: "\n")
        #expect(UnifiedDiff.render(old: old, new: new, oldName: "f", newName: "f") ==
                "--- f\n+++ f\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -16,5 +16,4 @@\n 16\n 17\n 18\n-19\n 20\n")
    }
}
