import Dispatch
import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// `tmemctl bench tmem`: tmem put and get against the kernel's zram write and read, on the same pages, the same
/// compressor, in the same run, with 1 and 2 threads. The tmem store keeps every page (policy zswap: a page
/// that does not compress is stored as-is, as zram does) and deduplicates, as tmemctl runs it. zram gets a
/// scratch device (hot_add; never zram0) written and read with O_DIRECT in 1 MiB requests (dd's pattern),
/// reset between passes and removed at the end, also on error. Rounds alternate which side goes first; medians
/// of per-round ratios are reported (docs/kernel-notes.md#benchmark-noise: only same-run ratios are trustworthy).
public struct TmemBench {
    public struct Side: Codable, Sendable, Equatable {
        public var threads: Int
        public var putMbPerS: Double
        public var zramWriteMbPerS: Double
        public var putRatio: Double
        public var getMbPerS: Double
        public var zramReadMbPerS: Double
        public var getRatio: Double
        /// Throughput per CPU-second (the threads' own CPU time, user + system): what each busy core achieves,
        /// independent of how much of the machine other processes took.
        public var putMbPerCpuS: Double
        public var zramWriteMbPerCpuS: Double
        public var getMbPerCpuS: Double
        public var zramReadMbPerCpuS: Double
    }

    public struct Report: Codable, Sendable, Equatable {
        public var algorithm: CompressionAlgorithm
        public var pages: Int
        public var seed: UInt64
        public var rounds: Int
        public var device: String
        public var results: [Side]
        /// 2-thread over 1-thread throughput (2.0 = linear).
        public var putScaling: Double
        public var getScaling: Double
        public var zramWriteScaling: Double
        public var zramReadScaling: Double
        /// 2-thread over 1-thread throughput per CPU-second: 1.0 means the second thread costs nothing in
        /// contention, so on two free cores wall-clock scaling is 2 x this.
        public var putCpuEfficiency: Double
        public var getCpuEfficiency: Double
        public var putTarget: Double
        public var getTarget: Double
        public var targetsMet: Bool
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static let target = 0.8

    public let corpus: PageCorpus
    public let seed: UInt64
    public let rounds: Int
    public let algorithm: CompressionAlgorithm
    public let root: SystemRoot

    public init(pages: Int, seed: UInt64, rounds: Int, algorithm: CompressionAlgorithm, root: SystemRoot) {
        corpus = BuiltinCorpus.generate(pages: pages, seed: seed)
        self.seed = seed
        self.rounds = rounds
        self.algorithm = algorithm
        self.root = root
    }

    /// Runs `body(thread)` on `threads` threads at once; returns the wall time and the CPU time the threads used.
    static func timed(_ threads: Int, _ body: @Sendable (Int) -> Void) -> (wall: Double, cpu: Double) {
        let cpu = CPUTotal()
        let t0 = BenchStatistics.now()
        if threads == 1 {
            let c0 = BenchStatistics.threadCPU()
            body(0)
            cpu.add(BenchStatistics.threadCPU() - c0)
        } else {
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                let c0 = BenchStatistics.threadCPU()
                body(t)
                cpu.add(BenchStatistics.threadCPU() - c0)
            }
        }
        return (BenchStatistics.now() - t0, cpu.value)
    }

    /// SIGINT/SIGTERM/SIGHUP stop the run between rounds (`Interrupted`) after the scratch device is removed; a
    /// removal that fails is an error naming what is left behind, also after a successful run.
    public func run() throws -> Report {
        Interruption.install()
        defer { Interruption.restore() }
        let (report, failures) = try CleanupStack.run { cleanup in
            try run(on: try ScratchZram.create(root: root, purpose: "bench tmem", cleanup: cleanup))
        }
        if !failures.isEmpty {
            throw Failure(description: "benchmark done, but cleanup FAILED, remove these by hand: " + failures.joined(separator: "; "))
        }
        try Interruption.check()
        return report
    }

    private func run(on scratch: ScratchZram) throws -> Report {
        let device = scratch.device
        let pages = corpus.pageCount
        let bytes = pages * pageSize
        let src = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: pageSize)
        let out = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: pageSize)
        defer { src.deallocate(); out.deallocate() }
        corpus.withContiguousBytes { src.copyMemory(from: $0.baseAddress!, byteCount: bytes) }
        out.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        let srcAddress = Int(bitPattern: src), outAddress = Int(bitPattern: out)
        let mb = Double(bytes) / 1e6

        let request = ZramSetupRequest(disksize: UInt64(bytes), algorithm: algorithm.rawValue)
        func configure() throws {
            try scratch.reset()
            try scratch.configure(request)
        }
        func verify(_ what: String) throws {
            guard memcmp(src, out, bytes) == 0 else { throw Failure(description: "\(what): pages read back differ") }
            out.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        }
        @Sendable func range(_ t: Int, _ threads: Int) -> Range<Int> { (pages * t / threads)..<(pages * (t + 1) / threads) }

        var put = [[Double]](repeating: [], count: 3), get = put, zw = put, zr = put
        var putRatio = put, getRatio = put
        var putCpu = put, getCpu = put, zwCpu = put, zrCpu = put
        for round in 0..<rounds {
            for threads in [1, 2] {
                try Interruption.check()
                var tPut = (wall: 0.0, cpu: 0.0), tGet = tPut, tW = tPut, tR = tPut
                for side in round % 2 == 0 ? [0, 1] : [1, 0] {
                    if side == 0 {
                        let store = TmemStore(configuration: TmemConfiguration(policy: .zswap), algorithm: algorithm)
                        let pool = try store.createPool(kind: .privatePersistent)
                        tPut = Self.timed(threads) { t in
                            let base = UnsafeRawPointer(bitPattern: srcAddress)!
                            for i in range(t, threads) {
                                _ = store.put(pool: pool, object: TmemObjectID(UInt64(i >> 8)), index: UInt32(i & 0xFF),
                                              page: UnsafeRawBufferPointer(start: base + i * pageSize, count: pageSize))
                            }
                        }
                        guard store.counterSnapshot.succPuts == pages else { throw Failure(description: "tmem refused pages") }
                        tGet = Self.timed(threads) { t in
                            let dst = UnsafeMutableRawPointer(bitPattern: outAddress)!
                            for i in range(t, threads) {
                                _ = store.get(pool: pool, object: TmemObjectID(UInt64(i >> 8)), index: UInt32(i & 0xFF),
                                              into: UnsafeMutableRawBufferPointer(start: dst + i * pageSize, count: pageSize))
                            }
                        }
                        try verify("tmem get")
                    } else {
                        try configure()
                        let io = try ZramDirectRange(device: device)
                        let failed = FailureFlag()
                        tW = Self.timed(threads) { t in
                            let r = range(t, threads)
                            do { try io.write(from: UnsafeRawPointer(bitPattern: srcAddress)!, firstPage: r.lowerBound, count: r.count) }
                            catch { failed.set("\(error)") }
                        }
                        tR = Self.timed(threads) { t in
                            let r = range(t, threads)
                            do { try io.read(into: UnsafeMutableRawPointer(bitPattern: outAddress)!, firstPage: r.lowerBound, count: r.count) }
                            catch { failed.set("\(error)") }
                        }
                        if let message = failed.message { throw Failure(description: message) }
                        try verify("zram read")
                    }
                }
                put[threads].append(mb / tPut.wall); get[threads].append(mb / tGet.wall)
                zw[threads].append(mb / tW.wall); zr[threads].append(mb / tR.wall)
                putRatio[threads].append(tW.wall / tPut.wall); getRatio[threads].append(tR.wall / tGet.wall)
                putCpu[threads].append(mb / tPut.cpu); getCpu[threads].append(mb / tGet.cpu)
                zwCpu[threads].append(mb / tW.cpu); zrCpu[threads].append(mb / tR.cpu)
            }
        }
        try scratch.reset()
        let median = BenchStatistics.median
        let sides = [1, 2].map { n in
            Side(threads: n, putMbPerS: median(put[n]), zramWriteMbPerS: median(zw[n]),
                 putRatio: median(putRatio[n]), getMbPerS: median(get[n]),
                 zramReadMbPerS: median(zr[n]), getRatio: median(getRatio[n]),
                 putMbPerCpuS: median(putCpu[n]), zramWriteMbPerCpuS: median(zwCpu[n]),
                 getMbPerCpuS: median(getCpu[n]), zramReadMbPerCpuS: median(zrCpu[n]))
        }
        let met = sides.allSatisfy { $0.putRatio >= Self.target && $0.getRatio >= Self.target }
        return Report(algorithm: algorithm, pages: pages, seed: seed, rounds: rounds, device: device.name,
                      results: sides,
                      putScaling: sides[1].putMbPerS / sides[0].putMbPerS,
                      getScaling: sides[1].getMbPerS / sides[0].getMbPerS,
                      zramWriteScaling: sides[1].zramWriteMbPerS / sides[0].zramWriteMbPerS,
                      zramReadScaling: sides[1].zramReadMbPerS / sides[0].zramReadMbPerS,
                      putCpuEfficiency: sides[1].putMbPerCpuS / sides[0].putMbPerCpuS,
                      getCpuEfficiency: sides[1].getMbPerCpuS / sides[0].getMbPerCpuS,
                      putTarget: Self.target, getTarget: Self.target, targetsMet: met)
    }
}

/// CPU seconds summed over worker threads.
final class CPUTotal: @unchecked Sendable {
    private let lock = NSLockish()
    private var total = 0.0
    func add(_ s: Double) { lock.with { total += s } }
    var value: Double {
        var v = 0.0
        lock.with { v = total }
        return v
    }
}

/// The first error a worker thread hit.
final class FailureFlag: @unchecked Sendable {
    private let lock = NSLockish()
    private(set) var message: String?
    func set(_ m: String) { lock.with { if message == nil { message = m } } }
}

final class NSLockish: @unchecked Sendable {
    private var m = pthread_mutex_t()
    init() { pthread_mutex_init(&m, nil) }
    func with(_ body: () -> Void) { pthread_mutex_lock(&m); body(); pthread_mutex_unlock(&m) }
}
