import Glibc

/// The process's limit on open descriptors (RLIMIT_NOFILE): every connection holds one, and the
/// usual soft limit (1,024) is far below `HTTPServerLimits.maxConnections`.
public enum DescriptorLimit {
    /// Raises the soft limit to the hard one (a process may do so without privilege) and returns
    /// the soft limit in force afterwards.
    @discardableResult
    public static func raiseToHardLimit() -> UInt64 {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return UInt64(raised.rlim_cur) }
        }
        return UInt64(limit.rlim_cur)
    }
}
