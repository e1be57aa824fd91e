#if canImport(Glibc)
import Glibc
#endif

/// A whole new file written at once: what `PrivateFile` does (exclusive temporary file with an unpredictable
/// name, then link, or with `replacing` rename, so neither an existing file nor a planted link is touched),
/// with the mode the file is meant to have.
public enum ExclusiveFile {
    public static func write(_ path: String, _ contents: String, mode: mode_t, replacing: Bool) throws(HostError) {
        let file = try PrivateFile(creating: path, replaceExisting: replacing, mode: mode)
        try file.write(Array(contents.utf8))
        try file.commit()
    }
}
