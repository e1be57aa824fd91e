import CShim
import Foundation
import Testing

/// The Swift view of the ops-table mirrors against the kernel's own declarations laid out by a C compiler: the
/// structs below are written from the member lists of include/linux/frontswap.h (3.5, 3.11, 4.19, 6.1) and
/// include/linux/cleancache.h (3.0, 3.4, 3.11, 4.19), with the kernel's names and types, compiled by `cc` for
/// this machine, and every size and offset it prints is compared with what Swift imported from CShim. The C
/// side's static asserts are not consulted, so a mirror that drifted from the kernel fails here even if its own
/// asserts were edited with it.
@Suite struct OpsTableLayoutTests {
    static let kernelDeclarations = """
    #include <stddef.h>
    #include <stdio.h>
    typedef unsigned long pgoff_t;           /* include/linux/types.h */
    typedef unsigned long __kernel_ino_t;    /* include/uapi/asm-generic/posix_types.h */
    typedef __kernel_ino_t ino_t;
    typedef unsigned int u32, __u32;
    typedef struct { unsigned char b[16]; } uuid_t;   /* include/linux/uuid.h (4.19) */
    struct page;

    /* frontswap.h 3.5 and 3.11: the same five members; 6.1 likewise */
    struct frontswap_ops {
        void (*init)(unsigned);
        int (*store)(unsigned, pgoff_t, struct page *);
        int (*load)(unsigned, pgoff_t, struct page *);
        void (*invalidate_page)(unsigned, pgoff_t);
        void (*invalidate_area)(unsigned);
    };
    /* frontswap.h 4.19: the chain pointer at the end */
    struct frontswap_ops_4_19 {
        void (*init)(unsigned);
        int (*store)(unsigned, pgoff_t, struct page *);
        int (*load)(unsigned, pgoff_t, struct page *);
        void (*invalidate_page)(unsigned, pgoff_t);
        void (*invalidate_area)(unsigned);
        struct frontswap_ops_4_19 *next;
    };

    #define CLEANCACHE_KEY_MAX 6
    struct cleancache_filekey {
        union {
            ino_t ino;
            __u32 fh[CLEANCACHE_KEY_MAX];
            u32 key[CLEANCACHE_KEY_MAX];
        } u;
    };
    /* cleancache.h 3.0 */
    struct cleancache_ops_3_0 {
        int (*init_fs)(size_t);
        int (*init_shared_fs)(char *uuid, size_t);
        int (*get_page)(int, struct cleancache_filekey, pgoff_t, struct page *);
        void (*put_page)(int, struct cleancache_filekey, pgoff_t, struct page *);
        void (*flush_page)(int, struct cleancache_filekey, pgoff_t);
        void (*flush_inode)(int, struct cleancache_filekey);
        void (*flush_fs)(int);
    };
    /* cleancache.h 3.4 to 4.0: flush_* renamed invalidate_*; 4.19 takes a uuid_t * */
    struct cleancache_ops_4_19 {
        int (*init_fs)(size_t);
        int (*init_shared_fs)(uuid_t *uuid, size_t);
        int (*get_page)(int, struct cleancache_filekey, pgoff_t, struct page *);
        void (*put_page)(int, struct cleancache_filekey, pgoff_t, struct page *);
        void (*invalidate_page)(int, struct cleancache_filekey, pgoff_t);
        void (*invalidate_inode)(int, struct cleancache_filekey);
        void (*invalidate_fs)(int);
    };

    #define SIZE(t) printf(#t " size %zu align %zu\\n", sizeof(struct t), _Alignof(struct t))
    #define OFF(t, m) printf(#t " " #m " %zu\\n", offsetof(struct t, m))
    int main(void) {
        SIZE(frontswap_ops); OFF(frontswap_ops, init); OFF(frontswap_ops, store); OFF(frontswap_ops, load);
        OFF(frontswap_ops, invalidate_page); OFF(frontswap_ops, invalidate_area);
        SIZE(frontswap_ops_4_19); OFF(frontswap_ops_4_19, invalidate_area); OFF(frontswap_ops_4_19, next);
        SIZE(cleancache_filekey);
        SIZE(cleancache_ops_3_0); OFF(cleancache_ops_3_0, init_shared_fs); OFF(cleancache_ops_3_0, get_page);
        OFF(cleancache_ops_3_0, put_page); OFF(cleancache_ops_3_0, flush_page); OFF(cleancache_ops_3_0, flush_inode);
        OFF(cleancache_ops_3_0, flush_fs);
        SIZE(cleancache_ops_4_19); OFF(cleancache_ops_4_19, init_shared_fs); OFF(cleancache_ops_4_19, get_page);
        OFF(cleancache_ops_4_19, put_page); OFF(cleancache_ops_4_19, invalidate_page);
        OFF(cleancache_ops_4_19, invalidate_inode); OFF(cleancache_ops_4_19, invalidate_fs);
        printf("uuid_t size %zu\\n", sizeof(uuid_t));
        return 0;
    }
    """

    /// `name → value` for every line the compiled program prints (`"frontswap_ops store" → 8`).
    static func compilerLayout() throws -> [String: Int] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tmemctl-layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("layout.c"), binary = dir.appendingPathComponent("layout")
        try Data(kernelDeclarations.utf8).write(to: source)
        func run(_ exe: String, _ args: [String]) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: exe)
            p.arguments = args
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            try #require(p.terminationStatus == 0, "\(exe) \(args) failed")
            return String(decoding: data, as: UTF8.self)
        }
        _ = try run("/usr/bin/cc", ["-std=c11", "-o", binary.path, source.path])
        var layout: [String: Int] = [:]
        for line in try run(binary.path, []).split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 5, words[1] == "size" {          // "T size N align A"
                layout["\(words[0]) size"] = Int(words[2])
                layout["\(words[0]) align"] = Int(words[4])
            } else if words.count == 3 {                        // "T member N" or "uuid_t size N"
                layout["\(words[0]) \(words[1])"] = Int(words[2])
            }
        }
        return layout
    }

    @Test func frontswapMirrorsHaveTheKernelsLayout() throws {
        let c = try Self.compilerLayout()
        for size in [MemoryLayout<cshim_frontswap_ops_v3_5>.size, MemoryLayout<cshim_frontswap_ops_v3_11>.size,
                     MemoryLayout<cshim_frontswap_ops_v6_1>.size] {
            #expect(size == c["frontswap_ops size"])
        }
        typealias F = cshim_frontswap_ops_v3_5
        #expect(MemoryLayout<F>.offset(of: \.`init`) == c["frontswap_ops init"])
        #expect(MemoryLayout<F>.offset(of: \.store) == c["frontswap_ops store"])
        #expect(MemoryLayout<F>.offset(of: \.load) == c["frontswap_ops load"])
        #expect(MemoryLayout<F>.offset(of: \.invalidate_page) == c["frontswap_ops invalidate_page"])
        #expect(MemoryLayout<F>.offset(of: \.invalidate_area) == c["frontswap_ops invalidate_area"])
        #expect(MemoryLayout<cshim_frontswap_ops_v6_1>.offset(of: \.invalidate_area) == c["frontswap_ops invalidate_area"])
        typealias N = cshim_frontswap_ops_v4_19
        #expect(MemoryLayout<N>.size == c["frontswap_ops_4_19 size"])
        #expect(MemoryLayout<N>.offset(of: \.invalidate_area) == c["frontswap_ops_4_19 invalidate_area"])
        #expect(MemoryLayout<N>.offset(of: \.next) == c["frontswap_ops_4_19 next"])
    }

    @Test func cleancacheMirrorsHaveTheKernelsLayout() throws {
        let c = try Self.compilerLayout()
        #expect(MemoryLayout<cshim_cleancache_filekey>.size == c["cleancache_filekey size"])
        #expect(MemoryLayout<cshim_cleancache_filekey>.alignment == c["cleancache_filekey align"])
        #expect(MemoryLayout<cshim_uuid>.size == c["uuid_t size"])
        typealias O = cshim_cleancache_ops_v3_0
        #expect(MemoryLayout<O>.size == c["cleancache_ops_3_0 size"])
        #expect(MemoryLayout<O>.offset(of: \.init_shared_fs) == c["cleancache_ops_3_0 init_shared_fs"])
        #expect(MemoryLayout<O>.offset(of: \.get_page) == c["cleancache_ops_3_0 get_page"])
        #expect(MemoryLayout<O>.offset(of: \.put_page) == c["cleancache_ops_3_0 put_page"])
        #expect(MemoryLayout<O>.offset(of: \.flush_page) == c["cleancache_ops_3_0 flush_page"])
        #expect(MemoryLayout<O>.offset(of: \.flush_inode) == c["cleancache_ops_3_0 flush_inode"])
        #expect(MemoryLayout<O>.offset(of: \.flush_fs) == c["cleancache_ops_3_0 flush_fs"])
        for size in [MemoryLayout<cshim_cleancache_ops_v3_4>.size, MemoryLayout<cshim_cleancache_ops_v3_11>.size,
                     MemoryLayout<cshim_cleancache_ops_v4_19>.size] {
            #expect(size == c["cleancache_ops_4_19 size"])
        }
        typealias C = cshim_cleancache_ops_v4_19
        #expect(MemoryLayout<C>.offset(of: \.init_shared_fs) == c["cleancache_ops_4_19 init_shared_fs"])
        #expect(MemoryLayout<C>.offset(of: \.get_page) == c["cleancache_ops_4_19 get_page"])
        #expect(MemoryLayout<C>.offset(of: \.put_page) == c["cleancache_ops_4_19 put_page"])
        #expect(MemoryLayout<C>.offset(of: \.invalidate_page) == c["cleancache_ops_4_19 invalidate_page"])
        #expect(MemoryLayout<C>.offset(of: \.invalidate_inode) == c["cleancache_ops_4_19 invalidate_inode"])
        #expect(MemoryLayout<C>.offset(of: \.invalidate_fs) == c["cleancache_ops_4_19 invalidate_fs"])
        #expect(MemoryLayout<cshim_cleancache_ops_v3_4>.offset(of: \.invalidate_fs) == c["cleancache_ops_4_19 invalidate_fs"])
    }

    /// The sentinels of include/linux/cleancache.h 4.19, as numbers.
    @Test func sentinelsAreTheKernels() {
        #expect(CSHIM_CLEANCACHE_NO_POOL == -1)
        #expect(CSHIM_CLEANCACHE_NO_BACKEND == -2)
        #expect(CSHIM_CLEANCACHE_NO_BACKEND_SHARED == -3)
        #expect(CSHIM_CLEANCACHE_KEY_MAX == 6)
    }
}
