import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// The symbolic name of an errno (`EINVAL`), as the kernel's headers and man pages spell it; admins search for
/// the name, and strerror's wording differs between C libraries.
public enum ErrnoName {
    public static func of(_ e: Errno) -> String { of(raw: e.rawValue) }
    public static func of(raw e: CInt) -> String { names[e] ?? "errno \(e)" }
    /// An error as a message: a bare errno by its name (SystemPackage would print strerror's words), anything
    /// else as it describes itself.
    public static func describe(_ error: any Error) -> String {
        if let e = error as? Errno { return of(e) }
        return "\(error)"
    }

    // Built from the C library's constants so the numbers are right on every architecture.
    private static let names: [CInt: String] = {
        let pairs: [(CInt, String)] = [
            (EPERM, "EPERM"), (ENOENT, "ENOENT"), (ESRCH, "ESRCH"), (EINTR, "EINTR"), (EIO, "EIO"),
            (ENXIO, "ENXIO"), (E2BIG, "E2BIG"), (ENOEXEC, "ENOEXEC"), (EBADF, "EBADF"), (ECHILD, "ECHILD"),
            (EAGAIN, "EAGAIN"), (ENOMEM, "ENOMEM"), (EACCES, "EACCES"), (EFAULT, "EFAULT"), (ENOTBLK, "ENOTBLK"),
            (EBUSY, "EBUSY"), (EEXIST, "EEXIST"), (EXDEV, "EXDEV"), (ENODEV, "ENODEV"), (ENOTDIR, "ENOTDIR"),
            (EISDIR, "EISDIR"), (EINVAL, "EINVAL"), (ENFILE, "ENFILE"), (EMFILE, "EMFILE"), (ENOTTY, "ENOTTY"),
            (ETXTBSY, "ETXTBSY"), (EFBIG, "EFBIG"), (ENOSPC, "ENOSPC"), (ESPIPE, "ESPIPE"), (EROFS, "EROFS"),
            (EMLINK, "EMLINK"), (EPIPE, "EPIPE"), (EDOM, "EDOM"), (ERANGE, "ERANGE"), (EDEADLK, "EDEADLK"),
            (ENAMETOOLONG, "ENAMETOOLONG"), (ENOLCK, "ENOLCK"), (ENOSYS, "ENOSYS"), (ENOTEMPTY, "ENOTEMPTY"),
            (ELOOP, "ELOOP"), (ENOMSG, "ENOMSG"), (ENODATA, "ENODATA"), (ETIME, "ETIME"), (EOVERFLOW, "EOVERFLOW"),
            (EILSEQ, "EILSEQ"), (EUSERS, "EUSERS"), (ENOTSUP, "EOPNOTSUPP"), (ETIMEDOUT, "ETIMEDOUT"),
            (EALREADY, "EALREADY"), (EINPROGRESS, "EINPROGRESS"), (ESTALE, "ESTALE"), (EDQUOT, "EDQUOT"),
            (ECANCELED, "ECANCELED"), (ENOKEY, "ENOKEY"), (EKEYREJECTED, "EKEYREJECTED"),
            (EOWNERDEAD, "EOWNERDEAD"), (ERFKILL, "ERFKILL"), (EHWPOISON, "EHWPOISON"), (EBADMSG, "EBADMSG"),
            (ENOPKG, "ENOPKG"), (EREMOTEIO, "EREMOTEIO"), (ENOMEDIUM, "ENOMEDIUM"),
        ]
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }()
}
