import CShim
import Testing
import TmemCore
import TmemTestSupport

/// The LZO decoder's wide-copy paths (copies that write past an instruction's end when there is room, the
/// pattern fill for matches closer than 8 bytes, the unchecked fixed-size reads inside the 3-byte input
/// invariant) against streams assembled from the format rules (lzo.rst). The builder below writes each
/// instruction and, independently of the decoder, the bytes it stands for (a match copies byte by byte from
/// `distance` back, which is what an overlapping match means); liblzo2 decodes every v0 stream as a second
/// oracle. Input and output end flush against a guard page, so a read or write of one byte too many crashes.
@Suite struct LZODecoderFastPathTests {
    /// Builds an LZO1X stream and the output it must decode to.
    struct StreamBuilder {
        var stream: [UInt8]
        var expected: [UInt8] = []
        /// What the decoder will make of the next byte below 16: 0 after a match with no literals (a literal
        /// run), 1...3 after that many trailing literals (a 2-byte M1), 4 after a literal run (a 3-byte M1).
        var state = 0
        let version: Int
        var started = false

        init(version: Int) {
            self.version = version
            stream = version == 1 ? [17, 1] : []
        }

        private mutating func extended(_ value: Int) {
            // value = 255 * zeros + final byte, the final byte 1...255.
            let zeros = (value - 1) / 255
            stream += [UInt8](repeating: 0, count: zeros)
            stream.append(UInt8(value - 255 * zeros))
        }

        /// A literal run: the first-byte form at the start of the stream, otherwise the state-0 form (>= 4 bytes).
        mutating func literals(_ bytes: [UInt8], firstByteForm: Bool = true) {
            if !started && firstByteForm && bytes.count <= 238 {
                stream.append(UInt8(17 + bytes.count))
                state = bytes.count < 4 ? bytes.count : 4
            } else {
                precondition(state == 0 && bytes.count >= 4, "a literal run needs state 0 and 4 bytes")
                if bytes.count <= 18 { stream.append(UInt8(bytes.count - 3)) } else {
                    stream.append(0)
                    extended(bytes.count - 18)
                }
                state = 4
            }
            started = true
            stream += bytes
            expected += bytes
        }

        private mutating func trailing(_ lits: [UInt8]) {
            stream += lits
            expected += lits
            state = lits.count
        }

        /// A match of `length` bytes from `distance` back, then 0...3 literals; picks the instruction the format
        /// allows (M1 where the state and sizes permit, M2, M3, M4).
        mutating func match(distance: Int, length: Int, then lits: [UInt8] = []) {
            precondition(distance >= 1 && distance <= expected.count && lits.count <= 3)
            let n = UInt8(lits.count)
            if (1...3).contains(state) && length == 2 && distance <= 1024 {
                let d = distance - 1
                stream += [UInt8((d & 3) << 2) | n, UInt8(d >> 2)]
            } else if state == 4 && length == 3 && (2049...3072).contains(distance) {
                let d = distance - 2049
                stream += [UInt8((d & 3) << 2) | n, UInt8(d >> 2)]
            } else if (3...8).contains(length) && distance <= 2048 {
                let d = distance - 1
                stream += [UInt8((length - 1) << 5) | UInt8((d & 7) << 2) | n, UInt8(d >> 3)]
            } else if distance <= 16384 {
                precondition(length >= 3)
                if length <= 33 { stream.append(UInt8(32 + length - 2)) } else {
                    stream.append(32)
                    extended(length - 33)
                }
                let d = (distance - 1) << 2 | Int(n)
                stream += [UInt8(d & 0xff), UInt8(d >> 8)]
            } else {
                precondition(length >= 3 && distance <= (version == 1 ? 0xbffe : 0xbfff))
                let m = distance - 0x4000
                let h = UInt8((m >> 11) & 8)
                if length <= 9 { stream.append(16 | h | UInt8(length - 2)) } else {
                    stream.append(16 | h)
                    extended(length - 9)
                }
                let d = (m & 0x3fff) << 2 | Int(n)
                stream += [UInt8(d & 0xff), UInt8(d >> 8)]
            }
            for _ in 0..<length { expected.append(expected[expected.count - distance]) }
            trailing(lits)
        }

        /// lzo-rle's zero run (4...2051 zero bytes), then 0...3 literals.
        mutating func zeroRun(_ length: Int, then lits: [UInt8] = []) {
            precondition(version == 1 && (4...2051).contains(length))
            let r = length - 4
            stream += [0x18 | UInt8(r & 7), 0xfc | UInt8(lits.count), 0xff, UInt8(r >> 3)]
            expected += [UInt8](repeating: 0, count: length)
            trailing(lits)
        }

        mutating func end() { stream += [0x11, 0, 0] }
    }

    let input = GuardedBuffer(capacity: 80_000)
    let output = GuardedBuffer(capacity: 80_000)

    /// Our decoder with the input and an output of `capacity` bytes both ending at a guard page.
    func decode(_ stream: [UInt8], capacity: Int) -> (code: Int32, bytes: [UInt8]) {
        let dst = output.tail(capacity)
        let src = stream.withUnsafeBytes { input.holding($0) }
        var n = 0
        let r = cshim_lzo_decompress_safe(src.baseAddress?.assumingMemoryBound(to: UInt8.self), src.count,
                                          dst.baseAddress!.assumingMemoryBound(to: UInt8.self), capacity, &n)
        return (r, r == 0 ? Array(dst.prefix(n)) : [])
    }

    func liblzo2(_ stream: [UInt8], capacity: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: max(capacity, 1))
        var n = 0
        let r = stream.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { cshim_liblzo2_decompress_safe(s.baseAddress, s.count, $0.baseAddress, capacity, &n) }
        }
        return r == 0 ? Array(out.prefix(n)) : nil
    }

    /// Decodes into exactly the output's size (the last copy ends at the guard page, so only exact copies
    /// may run), into a little and a lot more room (the wide copies), and into one byte less (must fail).
    func checkEveryCapacity(_ b: StreamBuilder, _ label: String) {
        let n = b.expected.count
        for extra in [0, 1, 3, 7, 8, 15, 16, 17, 31, 64, 4096] {
            let r = decode(b.stream, capacity: n + extra)
            #expect(r.code == Int32(CSHIM_LZO_OK) && r.bytes == b.expected, "\(label), capacity \(n)+\(extra)")
        }
        if n > 0 {
            #expect(decode(b.stream, capacity: n - 1).code == Int32(CSHIM_LZO_E_OUTPUT_OVERRUN), "\(label), capacity \(n)-1")
        }
        if b.version == 0 { #expect(liblzo2(b.stream, capacity: n) == b.expected, "liblzo2: \(label)") }
    }

    static let seedBytes = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)

    @Test(arguments: [0, 1])
    func matchesOverlappingAtDistances1To7(_ version: Int) {
        for distance in 1...7 {
            for length in Array(2...40) + [63, 64, 65, 255, 256, 287, 288, 1000, 2047] {
                for lits in 0...3 {
                    var b = StreamBuilder(version: version)
                    b.literals(Array(Self.seedBytes.prefix(distance < 4 && length == 2 ? 3 : 10)))
                    if length == 2 && b.state == 4 { continue } // a 2-byte match needs a short literal tail before it
                    b.match(distance: distance, length: length, then: Array(Self.seedBytes.suffix(lits)))
                    b.end()
                    checkEveryCapacity(b, "v\(version) distance \(distance) length \(length) + \(lits) literals")
                }
            }
        }
    }

    /// The last instruction of each kind ends exactly at the output's end, after a history long enough that
    /// every copy would take the wide path if the output had room.
    @Test(arguments: [0, 1])
    func copiesEndingExactlyAtTheOutputEnd(_ version: Int) {
        var rng = SplitMix64(seed: 0x1E0 &+ UInt64(version))
        let history = (0..<300).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        func started() -> StreamBuilder {
            var b = StreamBuilder(version: version)
            b.literals(Array(history.prefix(200)))
            b.match(distance: 150, length: 40)
            return b
        }
        for length in 4...40 {
            var b = started()
            b.literals(Array(history.suffix(length)), firstByteForm: false)
            b.end()
            checkEveryCapacity(b, "v\(version) final literal run of \(length)")
        }
        for distance in [1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 100, 239] {
            for length in [3, 4, 8, 9, 16, 17, 33, 34, 100] {
                for lits in 0...3 {
                    var b = started()
                    b.match(distance: distance, length: length, then: Array(history.prefix(lits)))
                    b.end()
                    checkEveryCapacity(b, "v\(version) final match \(distance)/\(length) + \(lits)")
                }
            }
        }
        // 2-byte M1 matches after a short literal tail, and the 3-byte M1 reaching 2049...3072 back.
        for lits in 1...3 {
            var b = started()
            b.match(distance: 20, length: 5, then: Array(history.prefix(lits)))
            b.match(distance: 3, length: 2)
            b.end()
            checkEveryCapacity(b, "v\(version) final M1 after \(lits) literals")
        }
        var far = StreamBuilder(version: version)
        far.literals(Array(history.prefix(200)))
        for _ in 0..<12 { far.match(distance: 200, length: 200) }
        far.literals(Array(history.prefix(5)), firstByteForm: false)
        far.match(distance: 2500, length: 3)
        far.end()
        checkEveryCapacity(far, "v\(version) final far M1")
        if version == 1 {
            for run in [4, 5, 15, 16, 17, 63, 64, 65, 100, 2051] {
                for lits in 0...3 {
                    var b = started()
                    b.zeroRun(run, then: Array(history.prefix(lits)))
                    b.end()
                    checkEveryCapacity(b, "v1 final zero run \(run) + \(lits)")
                }
            }
        }
    }

    /// Random programs of every instruction, distances biased to the overlap range, lengths to the
    /// boundaries of the copy widths, outputs up to 40 KiB (M4 distances included).
    static func randomStream(version: Int, seed: UInt64) -> StreamBuilder {
        var rng = SplitMix64(seed: seed)
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
        var b = StreamBuilder(version: version)
        b.literals(bytes(1 + pick(40)))
        let target = [64, 4096, 4096, 40_000][pick(4)]
        while b.expected.count < target {
            let lits = bytes(pick(4))
            switch pick(10) {
            case 0 where b.state == 0:
                b.literals(bytes(4 + [pick(16), pick(40), pick(300)][pick(3)]), firstByteForm: false)
            case 1 where version == 1:
                b.zeroRun(4 + pick([20, 100, 2048][pick(3)]), then: lits)
            case 2 where (1...3).contains(b.state):
                b.match(distance: 1 + pick(min(b.expected.count, 1024)), length: 2, then: lits)
            default:
                let near = [1 + pick(7), 8 + pick(24), 1 + pick(2048), 1 + pick(16384), 1 + pick(0xbffe)][pick(5)]
                let distance = min(near, b.expected.count)
                let length = [3 + pick(6), 9 + pick(25), 3 + pick(300)][pick(3)]
                b.match(distance: distance, length: length, then: lits)
            }
        }
        b.end()
        return b
    }

    @Test(arguments: [0, 1])
    func randomProgramsDecodeAsBuilt(_ version: Int) {
        for k in 0..<400 {
            let b = Self.randomStream(version: version, seed: 0x5EED_0000 &+ UInt64(k * 2 + version))
            let n = b.expected.count
            for extra in [0, 5, 16, 100] {
                let r = decode(b.stream, capacity: n + extra)
                #expect(r.code == Int32(CSHIM_LZO_OK) && r.bytes == b.expected, "v\(version) program \(k), capacity \(n)+\(extra)")
            }
            #expect(decode(b.stream, capacity: n - 1).code == Int32(CSHIM_LZO_E_OUTPUT_OVERRUN))
            if version == 0 { #expect(liblzo2(b.stream, capacity: n) == b.expected, "liblzo2: program \(k)") }
        }
    }

    /// Every prefix of a stream is missing its end marker, so each must fail with an error code (never a
    /// read past the cut: the input ends at the guard page), whatever the output room. A v1 prefix shorter
    /// than 5 bytes is not parsed as v1 (the header needs 5 bytes) and is only required not to crash.
    @Test(arguments: [0, 1])
    func truncatedAtEveryOffset(_ version: Int) {
        var streams: [StreamBuilder] = []
        for k in 0..<60 { streams.append(Self.randomStream(version: version, seed: 0x7C07 &+ UInt64(k * 2 + version))) }
        var b = StreamBuilder(version: version)
        b.literals(Array(Self.seedBytes))
        for d in 1...7 { b.match(distance: d, length: 40, then: Array(Self.seedBytes.prefix(d % 4))) }
        if version == 1 { b.zeroRun(100, then: [1]) }
        b.end()
        streams.append(b)
        for (k, s) in streams.enumerated() where s.stream.count < 12_000 {
            let n = s.expected.count
            for cut in 0..<s.stream.count {
                let prefix = Array(s.stream.prefix(cut))
                for capacity in [n, n + 64] {
                    let r = decode(prefix, capacity: capacity)
                    if version == 0 || cut >= 5 {
                        #expect(r.code < 0, "v\(version) stream \(k) cut at \(cut) of \(s.stream.count) decoded")
                    }
                }
            }
        }
    }

    /// Differential against liblzo2 on corrupted v0 streams (random programs and built-in pages, 1 to 4 bits
    /// flipped): whenever both decoders accept a stream, the bytes must agree; each must end in a result code.
    @Test func corruptedStreamsDecodeAsLiblzo2DoesWhenBothAccept() {
        var streams = (0..<40).map { Self.randomStream(version: 0, seed: 0xD1FF &+ UInt64($0)).stream }
        let lzo = PageCompressor(.lzo)
        let corpus = BuiltinCorpus.generate(pages: 40, seed: 21)
        for i in 0..<corpus.pageCount {
            _ = corpus.withPage(i) { lzo.compress($0) }
            streams.append(Array(lzo.output))
        }
        var rng = SplitMix64(seed: 0xD1FF)
        var bothAccepted = 0
        for stream in streams {
            for _ in 0..<250 {
                var s = stream
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    let bit = Int(rng.next() % UInt64(s.count * 8))
                    s[bit / 8] ^= UInt8(1 << (bit % 8))
                }
                let ours = decode(s, capacity: 45_000)
                guard ours.code == Int32(CSHIM_LZO_OK), let theirs = liblzo2(s, capacity: 45_000) else { continue }
                bothAccepted += 1
                #expect(ours.bytes == theirs)
            }
        }
        // Flips inside literal bytes keep a stream valid, so the comparison must have happened many times.
        #expect(bothAccepted > 1_000)
    }
}
