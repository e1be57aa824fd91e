import Testing
import TmemCore

/// The daily budget's arithmetic with a clock moved by hand. Epoch values from `date -u -d '2026-12-03' +%s`
/// (1796256000 = day 20790 × 86400); sizes worked by hand.
@Suite struct WritebackBudgetTests {
    static let dec3 = Int64(1_796_256_000)          // 2026-12-03T00:00:00Z
    static let dec3At10 = dec3 + 10 * 3600            // 2026-12-03T10:00:00Z
    static let dec4 = Int64(1_796_342_400)          // 2026-12-04T00:00:00Z
    static let perDay: UInt64 = 256 << 20           // 268435456

    @Test func theDayIsTheUTCCalendarDay() {
        #expect(WritebackBudget.day(ofEpochSeconds: Self.dec3) == 20790)
        #expect(WritebackBudget.day(ofEpochSeconds: Self.dec4 - 1) == 20790)   // 23:59:59
        #expect(WritebackBudget.day(ofEpochSeconds: Self.dec4) == 20791)
        #expect(WritebackBudget.day(ofEpochSeconds: 0) == 0)
        #expect(WritebackBudget.day(ofEpochSeconds: -1) == -1)                  // 1969-12-31T23:59:59Z
    }

    @Test func spendingWithinADayNeverGoesBelowZero() {
        var b = WritebackBudget(day: 20790, usedBytes: 0)
        b = b.spending(100 << 20, epochSeconds: Self.dec3At10)                   // 104857600
        #expect(b.remaining(perDay: Self.perDay, epochSeconds: Self.dec3At10) == 163_577_856)
        // 163577856 / 4096 = 39936 whole units for writeback_limit.
        #expect(WritebackBudget.limitUnits(forBytes: 163_577_856) == 39936)
        b = b.spending(200 << 20, epochSeconds: Self.dec3At10 + 60)              // 314572800 used > budget
        #expect(b.usedBytes == 314_572_800)
        #expect(b.remaining(perDay: Self.perDay, epochSeconds: Self.dec3At10 + 60) == 0)
        #expect(WritebackBudget.limitUnits(forBytes: 4095) == 0)
    }

    @Test func theNextUTCDayStartsAfreshAndAClockSetBackNeverRefills() {
        let spent = WritebackBudget(day: 20790, usedBytes: 300 << 20)
        #expect(spent.remaining(perDay: Self.perDay, epochSeconds: Self.dec4 - 1) == 0)
        #expect(spent.remaining(perDay: Self.perDay, epochSeconds: Self.dec4) == Self.perDay)
        // 50 MiB on Dec 4, then the clock goes back to Dec 3 23:00: Dec 4's spending stands.
        let dec4Spent = spent.spending(50 << 20, epochSeconds: Self.dec4 + 5)
        #expect(dec4Spent == WritebackBudget(day: 20791, usedBytes: 52_428_800))
        #expect(dec4Spent.remaining(perDay: Self.perDay, epochSeconds: Self.dec4 - 3600) == 216_006_656)
        let back = dec4Spent.spending(1 << 20, epochSeconds: Self.dec4 - 3600)
        #expect(back == WritebackBudget(day: 20791, usedBytes: 53_477_376))
        // Set back by days, nothing changes either.
        #expect(back.remaining(perDay: Self.perDay, epochSeconds: Self.dec3 - 10 * 86400) == 214_958_080)
    }

    @Test func spendingSaturatesInsteadOfWrapping() {
        let b = WritebackBudget(day: 1, usedBytes: .max - 10).spending(100, epochSeconds: 86400 + 1)
        #expect(b.usedBytes == .max)
        #expect(b.remaining(perDay: .max, epochSeconds: 86400 + 1) == 0)
    }

    @Test func pressureAgeFollowsChromeOSsCurve() throws {
        let age = try IdleAge.parse("pressure(600, 86400)").get()
        #expect(age == .pressure(minSeconds: 600, maxSeconds: 86400))
        let total: UInt64 = 8 << 30
        // 85800 · e^(−5·util) + 600, worked with python's math.exp: util 0 → 86400, 0.25 → 25182.11,
        // 0.5 → 7642.89, 1 → 1178.12; whole seconds rounded down.
        #expect(age.seconds(memTotal: total, memAvailable: total) == 86400)
        #expect(age.seconds(memTotal: total, memAvailable: total / 4 * 3) == 25182)
        #expect(age.seconds(memTotal: total, memAvailable: total / 2) == 7642)
        #expect(age.seconds(memTotal: total, memAvailable: 0) == 1178)
        #expect(age.seconds(memTotal: 0, memAvailable: 0) == 86400)
        #expect(try IdleAge.parse("3600").get() == .seconds(3600))
        for bad in ["", "1h", "pressure(10)", "pressure(900, 60)", "pressure(a, b)", "-5"] {
            #expect(throws: IdleAgeError.self) { try IdleAge.parse(bad).get() }
        }
    }
}
