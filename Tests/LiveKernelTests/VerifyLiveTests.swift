import Testing
import TmemControl
import TmemCore
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    /// `tmemctl verify`'s two paths against the running kernel, on several corpora, for every algorithm.
    /// Block path: exact on all nine mm_stat fields. Swap path: exact on mm_stat, the vmstat deltas and (with
    /// zswap) debugfs and meminfo; the one field the kernel does not make deterministic, how many pages
    /// MADV_PAGEOUT manages to reclaim, may only be "bounded" (≤ 1% of the corpus, at least 8 pages), never
    /// different, and the model is fed exactly the pages that did leave RAM.
    @Suite struct VerifyLive {
        static let settings = VerifySettings(root: LiveKernel.root, features: KernelFeatures.detect(root: LiveKernel.root))

        /// Corpora by name: the built-in mix, the anonymous memory of a perl process the test starts, pages of
        /// ELF shared libraries, and random pages (all huge).
        static func corpora(builtinPages: Int) throws -> [(String, PageCorpus)] {
            let real = try RealPageSet.shared.get()
            func corpus(_ source: String) throws -> PageCorpus {
                try PageCorpus(bytes: Array(real.pages.filter { $0.source == source }.map(\.bytes).joined()))
            }
            return [("built-in", BuiltinCorpus.generate(pages: builtinPages, seed: 3)),
                    ("perl heap", try corpus("anon")), ("ELF", try corpus("elf")), ("random", try corpus("random"))]
        }

        static func expectExact(_ v: AlgorithmVerification, _ what: String, except bounded: Set<String> = []) {
            #expect(v.status == .passed, "\(what): \(v.status.rawValue) \(v.reason ?? "")")
            for f in v.fields {
                if bounded.contains(f.field) {
                    #expect(f.status != .different, "\(what): \(f.field) predicted \(f.predicted) live \(f.live), allowed \(f.allowed ?? 0)")
                } else {
                    #expect(f.status == .equal, "\(what): \(f.source) \(f.field) predicted \(f.predicted) live \(f.live)")
                }
            }
        }

        @Test(arguments: CompressionAlgorithm.allCases)
        func blockPathIsExactOnEveryCorpus(_ algorithm: CompressionAlgorithm) throws {
            guard LiveKernel.zramOffers(algorithm.rawValue) else { return }
            for (name, corpus) in try Self.corpora(builtinPages: 2048) {
                let v = try LiveKernel.exclusive {
                    try BlockPathVerification.run(corpus: corpus, algorithm: algorithm, settings: Self.settings)
                }
                #expect(v.fields.count == 9)
                Self.expectExact(v, "\(algorithm.rawValue), block path, \(name) (\(corpus.pageCount) pages)")
            }
        }

        /// The swap path refuses to run beside other swap (its counters would not be its own).
        static var noOtherSwap: Bool { (try? SwapTable.read(root: LiveKernel.root).isEmpty) ?? false }

        @Test(.enabled(if: noOtherSwap, "other swap is active on this machine"), arguments: CompressionAlgorithm.allCases)
        func swapPathThroughZramIsExact(_ algorithm: CompressionAlgorithm) throws {
            guard LiveKernel.zramOffers(algorithm.rawValue) else { return }
            let corpora = try Self.corpora(builtinPages: 2048).filter { $0.0 == "built-in" || $0.0 == "perl heap" }
            for (name, corpus) in corpora {
                let v = try LiveKernel.exclusive { () throws -> AlgorithmVerification in
                    try SwapPathVerification.preflight(root: LiveKernel.root, zswap: false)
                    let v = try SwapPathVerification.run(corpus: corpus, algorithm: algorithm, zswap: false, settings: Self.settings)
                    try expectNothingLeftBehind()
                    return v
                }
                Self.expectExact(v, "\(algorithm.rawValue), swap path, \(name)", except: ["swapped_out_pages"])
                // Zero pages reach neither zram nor zswap: every swapped page is accounted for exactly once.
                let zero = v.fields.first { $0.field == "swpout_zero" }?.live ?? 0
                let out = v.fields.first { $0.field == "pswpout" }?.live ?? 0
                let swapped = v.fields.first { $0.field == "swapped_out_pages" }?.live ?? 0
                #expect(zero + out == swapped)
            }
        }

        @Test(.enabled(if: noOtherSwap, "other swap is active on this machine"), arguments: CompressionAlgorithm.allCases)
        func swapPathThroughZswapIsExact(_ algorithm: CompressionAlgorithm) throws {
            guard LiveKernel.zramOffers(algorithm.rawValue) else { return }
            let crypto = try ProcCrypto.compressors(root: LiveKernel.root)
            let corpora = try Self.corpora(builtinPages: 2048).filter { $0.0 == "built-in" || $0.0 == "perl heap" }
            for (name, corpus) in corpora {
                let v = try LiveKernel.exclusive { () throws -> AlgorithmVerification in
                    try SwapPathVerification.preflight(root: LiveKernel.root, zswap: true)
                    let before = try Zswap(root: LiveKernel.root).parameters()
                    let debugfsMounted = try DebugFS(root: LiveKernel.root).isMounted()
                    defer { #expect((try? DebugFS(root: LiveKernel.root).isMounted()) == debugfsMounted, "debugfs as before") }
                    let v = try SwapPathVerification.run(corpus: corpus, algorithm: algorithm, zswap: true, settings: Self.settings)
                    try expectNothingLeftBehind()
                    #expect(try Zswap(root: LiveKernel.root).parameters() == before, "zswap parameters restored")
                    return v
                }
                if !crypto.contains(algorithm.rawValue) {
                    // zswap goes through the crypto API: without the algorithm there, the run must say so.
                    #expect(v.status == .skipped)
                    #expect(v.reason?.contains("crypto") == true)
                    continue
                }
                Self.expectExact(v, "\(algorithm.rawValue), swap path with zswap, \(name)", except: ["swapped_out_pages"])
                // Only the header reaches zram; zswap holds every non-zero page.
                #expect(v.fields.first { $0.field == "orig_data_size" }?.live == UInt64(pageSize))
                #expect(v.fields.first { $0.field == "stored_pages" }?.live == v.fields.first { $0.field == "zswpout" }?.live)
            }
        }

        /// Call while holding the live-test lock (other helpers' tests may own devices otherwise).
        func expectNothingLeftBehind() throws {
            #expect(try SwapTable.read(root: LiveKernel.root).isEmpty, "no swap left active")
            #expect(!LiveKernel.root.list(MemoryCgroupV1.hierarchy).contains { $0.hasPrefix("tmemctl-verify-") },
                    "no verify cgroup left")
            #expect(ZramControl(root: LiveKernel.root).devices().map(\.id) == [0], "only zram0 left")
        }
    }
}
