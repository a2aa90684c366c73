#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open files (`RLIMIT_NOFILE`): every connection, to clients and to the
/// database, holds one descriptor, and `accept` fails with `EMFILE` once they are all taken.
public enum FileLimit {
    /// The soft limit now in force.
    public static var current: Int {
        var limit = rlimit()
        guard getrlimit(Self.resource, &limit) == 0 else { return 1024 }
        return Self.clamped(limit.rlim_cur)
    }

    /// Raises the soft limit to the hard one (`ulimit -Hn`), as nginx's `worker_rlimit_nofile`
    /// does: a server should not be stopped by a default of 1024 that an unprivileged process may
    /// lift by itself. Returns the limits before and after.
    @discardableResult
    public static func raiseToHardLimit() -> (before: Int, after: Int) {
        var limit = rlimit()
        guard getrlimit(Self.resource, &limit) == 0 else { return (1024, 1024) }
        let before = Self.clamped(limit.rlim_cur)
        guard limit.rlim_cur < limit.rlim_max else { return (before, before) }
        var raised = limit
        raised.rlim_cur = limit.rlim_max
        #if canImport(Darwin)
        // macOS refuses an infinite soft limit for files; OPEN_MAX is the most it takes.
        raised.rlim_cur = min(raised.rlim_cur, rlim_t(OPEN_MAX))
        #endif
        guard setrlimit(Self.resource, &raised) == 0 else { return (before, before) }
        return (before, Self.clamped(raised.rlim_cur))
    }

    #if canImport(Glibc)
    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resource = RLIMIT_NOFILE
    #endif

    /// `RLIM_INFINITY` and the like as a number a connection count can be compared with.
    private static func clamped(_ value: rlim_t) -> Int {
        value >= rlim_t(Int32.max) ? Int(Int32.max) : Int(value)
    }
}

/// How many client connections fit in an open-file limit.
public enum ConnectionLimit {
    /// Descriptors kept back whatever the limit: the database pool (20), the listener, the event
    /// loops' epoll and event descriptors, standard streams, logs and the files routes read.
    public static let fixedReserve = 128

    /// The limit less ``fixedReserve`` and a twentieth more (connections being closed still hold
    /// theirs for a moment, and a connection refused past the limit is first accepted), at least 16.
    /// 1024 gives 845; 20,000 gives 18,872.
    public static func `default`(fileLimit: Int) -> Int {
        max(16, fileLimit - fixedReserve - fileLimit / 20)
    }
}
