import CShimSystem
import Testing
@testable import TmemHost

/// libkmod is opened at first use (Sources/CShimSystem/cshim_kmod_library.c): the table resolves from Debian's
/// libkmod.so.2 and works, and a library that is not there fails with the loader's message and an install hint.
/// ModuleFakeRootTests drive the loaded table through real lookups, blacklists and dry runs.
@Suite struct KmodLibraryTests {
    @Test func theTableResolvesFromLibkmod2AndItsContextsWork() throws {
        let table = UnsafeMutablePointer<CShimKmod>.allocate(capacity: 1)   // filled by cshim_kmod_open
        defer { table.deallocate() }
        var error = [CChar](repeating: 0, count: 256)
        let r = cshim_kmod_open(CSHIM_KMOD_SONAME, table, &error, error.count)
        #expect(r == 0, "\(Self.text(error))")
        guard r == 0 else { return }
        let kmod = table.pointee
        // A context on a directory that does not exist starts (libkmod reads its indexes lazily) and has no modules.
        let ctx = try #require(kmod.new_context("/nonexistent/lib/modules/0.0", nil))
        var list: OpaquePointer? = nil
        #expect(kmod.module_new_from_lookup(ctx, "zram", &list) >= 0)
        #expect(list == nil)
        _ = kmod.unref(ctx)
    }

    @Test func aMissingLibraryFailsWithTheLoadersMessage() {
        let table = UnsafeMutablePointer<CShimKmod>.allocate(capacity: 1)
        defer { table.deallocate() }
        var error = [CChar](repeating: 0, count: 256)
        #expect(cshim_kmod_open("libkmod-not-installed.so.0", table, &error, error.count) == -1)
        let message = Self.text(error)
        #expect(message.contains("libkmod-not-installed.so.0"), "\(message)")
        #expect(ModuleTree.libraryError(message).description
                == "libkmod: cannot load libkmod.so.2: ENOENT (\(message); the module commands need Debian's libkmod2 (apt-get install libkmod2))")
    }

    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    @Test func theProcessWideLibraryIsLoadedOnce() throws {
        let first = try ModuleTree.library()
        let second = try ModuleTree.library()
        #expect(first == second)
    }
}
