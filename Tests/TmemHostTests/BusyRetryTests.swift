import Testing
import SystemPackage
import TmemHost

@Suite struct BusyRetryTests {
    let quick = BusyRetry(attempts: 4, firstDelayMicroseconds: 1, maxDelayMicroseconds: 2)
    func busy() -> HostError { HostError(subject: "zram1", action: "cannot set reset to 1", path: "reset", errno: .resourceBusy) }

    @Test func transientBusyIsRetriedUntilItClears() throws {
        var calls = 0
        let v = try quick.run { () throws(HostError) -> Int in
            calls += 1
            if calls < 3 { throw busy() }
            return 42
        }
        #expect(v == 42 && calls == 3)
    }

    @Test func retriesAreBounded() {
        var calls = 0
        #expect(throws: HostError.self) { try quick.run { () throws(HostError) in calls += 1; throw busy() } }
        #expect(calls == 4)
    }

    @Test func durableHoldersAndOtherErrorsAreNotRetried() {
        var calls = 0
        #expect(throws: HostError.self) { try quick.run(transient: { false }) { () throws(HostError) in calls += 1; throw busy() } }
        #expect(calls == 1)
        calls = 0
        #expect(throws: HostError.self) {
            try quick.run { () throws(HostError) in
                calls += 1
                throw HostError(subject: "zram1", action: "x", path: "", errno: .invalidArgument)
            }
        }
        #expect(calls == 1)
    }
}
