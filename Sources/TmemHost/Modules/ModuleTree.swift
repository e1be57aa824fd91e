import CShimSystem
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// The module tree of one kernel through libkmod: modules.dep/modules.alias lookups, modprobe.d options and
/// blacklists, and modprobe's insertion (dependencies first, install rules honored). Not thread-safe.
final class ModuleTree {
    let directory: String
    private let kmod: UnsafePointer<CShimKmod>
    private let ctx: OpaquePointer
    private let log: UnsafeMutablePointer<CShimKmodLog>

    /// `directory` is `/lib/modules/RELEASE` under the root; `configRoot` prefixes the modprobe.d directories
    /// (nil on a live host: libkmod's own defaults). Throws when libkmod cannot be loaded or cannot start.
    init(directory: String, configRoot: SystemRoot?) throws(HostError) {
        let kmod = try Self.library()
        var ctx: OpaquePointer?
        if let r = configRoot, !r.isLive {
            let dirs = ["etc/modprobe.d", "run/modprobe.d", "usr/local/lib/modprobe.d", "lib/modprobe.d"].map { r.absolute($0) }
            let cStrings = dirs.map { strdup($0) }
            defer { cStrings.forEach { free($0) } }
            var pointers: [UnsafePointer<CChar>?] = cStrings.map { UnsafePointer($0) } + [nil]
            ctx = pointers.withUnsafeMutableBufferPointer { kmod.pointee.new_context(directory, $0.baseAddress) }
        } else {
            ctx = kmod.pointee.new_context(directory, nil)
        }
        guard let ctx else {
            throw HostError(subject: "libkmod", action: "cannot open the module tree", path: directory, errno: .noMemory,
                            hint: "libkmod could not start")
        }
        self.kmod = kmod
        self.ctx = ctx
        self.directory = directory
        log = .allocate(capacity: 1)
        cshim_kmod_log_capture(kmod, ctx, log, 4)     // errors and warnings: they name the file or symbol at fault
        _ = kmod.pointee.load_resources(ctx)                  // indexes are optional: lookups fall back to the text files
    }

    /// libkmod's entry points, loaded once per process on first use (Sources/CShimSystem/cshim_kmod_library.c).
    static func library() throws(HostError) -> UnsafePointer<CShimKmod> {
        var message: UnsafePointer<CChar>?
        guard let table = cshim_kmod_library(&message) else {
            throw libraryError(message.map { String(cString: $0) } ?? CSHIM_KMOD_SONAME)
        }
        return table
    }

    /// A libkmod that did not load: the loader's message, and what to install.
    static func libraryError(_ message: String) -> HostError {
        HostError(subject: "libkmod", action: "cannot load", path: CSHIM_KMOD_SONAME, errno: .noSuchFileOrDirectory,
                  hint: "\(message); the module commands need Debian's libkmod2 (apt-get install libkmod2)")
    }

    deinit {
        _ = kmod.pointee.unref(ctx)
        log.deallocate()
    }

    /// libkmod's messages since the last call, one a line.
    func takeLog() -> String? {
        let text = withUnsafeBytes(of: &log.pointee.text) { raw in
            String(decoding: raw.prefix(log.pointee.length), as: UTF8.self)
        }
        log.pointee.length = 0
        let trimmed = text.split(separator: "\n").map { $0.hasPrefix("libkmod: ") ? String($0.dropFirst(9)) : String($0) }
        return trimmed.isEmpty ? nil : trimmed.joined(separator: "; ")
    }

    /// The modules a name or alias resolves to (empty when the tree has none).
    func lookup(_ name: String) -> [ModuleHandle] {
        var list: OpaquePointer?
        guard kmod.pointee.module_new_from_lookup(ctx, name, &list) >= 0, let list else { return [] }
        defer { _ = kmod.pointee.module_unref_list(list) }
        return Self.modules(in: list, kmod)
    }

    /// Names given by `blacklist NAME` lines.
    func blacklist() -> Set<String> {
        guard let iter = kmod.pointee.config_get_blacklists(ctx) else { return [] }
        defer { kmod.pointee.config_iter_free_iter(iter) }
        var names: Set<String> = []
        while kmod.pointee.config_iter_next(iter) {
            if let key = kmod.pointee.config_iter_get_key(iter) { names.insert(String(cString: key)) }
        }
        return names
    }

    /// kmod_list_foreach, written out: Swift cannot use the macro, but kmod_list_next is a function.
    static func modules(in list: OpaquePointer, _ kmod: UnsafePointer<CShimKmod>) -> [ModuleHandle] {
        var out: [ModuleHandle] = []
        var entry: OpaquePointer? = list
        while let e = entry {
            if let m = kmod.pointee.module_get_module(e) { out.append(ModuleHandle(m, kmod)) }
            entry = kmod.pointee.list_next(list, e)
        }
        return out
    }
}

/// One `struct kmod_module` reference.
final class ModuleHandle {
    let pointer: OpaquePointer
    private let kmod: UnsafePointer<CShimKmod>
    init(_ pointer: OpaquePointer, _ kmod: UnsafePointer<CShimKmod>) { self.pointer = pointer; self.kmod = kmod }
    deinit { _ = kmod.pointee.module_unref(pointer) }

    var name: String { kmod.pointee.module_get_name(pointer).map { String(cString: $0) } ?? "" }
    var path: String? { kmod.pointee.module_get_path(pointer).map { String(cString: $0) } }
    var configuredOptions: String? { kmod.pointee.module_get_options(pointer).map { String(cString: $0) } }

    /// Direct and indirect dependencies from modules.dep, in load order.
    var dependencies: [String] {
        guard let list = kmod.pointee.module_get_dependencies(pointer) else { return [] }
        defer { _ = kmod.pointee.module_unref_list(list) }
        return ModuleTree.modules(in: list, kmod).map(\.name)
    }

    /// modprobe NAME OPTIONS: dependencies first, modprobe.d options and install rules, blacklist applied.
    /// Returns 0, a negative errno, or a positive value when the blacklist stopped it.
    func probeInsert(options: String?) -> Int32 {
        kmod.pointee.module_probe_insert_module(pointer, UInt32(KMOD_PROBE_APPLY_BLACKLIST.rawValue), options, nil, nil, nil)
    }

    /// What probeInsert would do, one action a line ("insmod PATH OPTIONS"), and libkmod's result.
    func probeDryRun(options: String?) -> (result: Int32, actions: [String]) {
        var buffer = [CChar](repeating: 0, count: 8192)
        let r = buffer.withUnsafeMutableBufferPointer {
            cshim_kmod_probe_dry_run(kmod, pointer, UInt32(KMOD_PROBE_APPLY_BLACKLIST.rawValue), options, $0.baseAddress, $0.count)
        }
        let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return (r, text.split(separator: "\n").map(String.init))
    }
}
