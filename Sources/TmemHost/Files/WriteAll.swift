import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// write(2) until every byte is written, retrying EINTR and short writes; the errno of a failed write.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Errno? {
    var written = 0
    while written < bytes.count {
        let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            return Errno(rawValue: errno)
        }
        written += n
    }
    return nil
}
