#if canImport(Glibc)
import Glibc
#endif

/// The process's stdout descriptor.
public enum StandardOutput {
    /// Points fd 1 at /dev/null, so that results still buffered for a withdrawn result (a device that was
    /// removed again) reach no reader.
    public static func discardFurtherOutput() {
        let fd = open("/dev/null", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = dup2(fd, 1)
        close(fd)
    }
}
