import Testing
import TmemTestSupport

/// The one serialized suite every live-kernel test hangs under (as a nested suite in an extension),
/// so live tests never run at the same time as each other.
@Suite(.serialized, .tags(.live), .enabled(if: LiveKernel.isAvailable, Comment(rawValue: LiveKernel.unavailableReason ?? "")))
enum LiveKernelSuite {}
