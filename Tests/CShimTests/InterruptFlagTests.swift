import CShimHarness
import Testing

@Suite struct InterruptFlagTests {
    /// A signal recorded during one run (say zram add, or one verify in a process that runs several) must not
    /// stop the next run the moment it starts: install() clears the flag.
    @Test func installStartsWithoutAPendingSignal() {
        #expect(cshim_harness_interrupt_flag() == 0)
    }

    /// Issue 10 item 12: a run started with SIGINT ignored (nohup, `cmd &` in a script) is not stopped by it.
    @Test func anInheritedIgnoreIsKept() {
        #expect(cshim_harness_interrupt_ignored() == 0)
    }
}
