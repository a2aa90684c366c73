import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Starts the programs the benchmark measures: `posix_spawn` with stdin from /dev/null,
/// output where asked, and an empty signal mask. This process's threads block signals and a
/// child inherits the mask; pgbench, for one, ends a `-T` run on SIGALRM and would never stop.
enum Spawn {
    /// Starts `path`; stdout to the file `output`, stderr to `errors` (nil: inherited; the same
    /// path as `output`: into the same file). `environment` nil passes this process's on.
    static func start(
        _ path: String, _ arguments: [String], environment: [String]? = nil, output: String, errors: String? = nil
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let errors {
            if errors == output {
                posix_spawn_file_actions_adddup2(&actions, 1, 2)
            } else {
                posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let env: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup($0) } + [nil] }
        defer { for pointer in argv + (env ?? []) { free(pointer) } }
        var pid: pid_t = 0
        let started =
            if var env {
                posix_spawn(&pid, path, &actions, &attributes, argv, &env)
            } else {
                posix_spawn(&pid, path, &actions, &attributes, argv, environ)
            }
        guard started == 0 else { throw ValidationError("cannot run \(path)") }
        return pid
    }

    /// Waits for `pid` to end; its wait status.
    @discardableResult
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    /// Runs a program to its end and returns what it printed (stdout and stderr).
    static func capture(_ path: String, _ arguments: [String]) throws -> String {
        let file = NSTemporaryDirectory() + "firebreak-capture-\(UUID().uuidString)"
        defer { unlink(file) }
        wait(try start(path, arguments, output: file, errors: file))
        return try String(contentsOfFile: file, encoding: .utf8)
    }

    /// The CPU time process `pid` has used so far, user and system, in seconds (`/proc/PID/stat`);
    /// nil when it is gone.
    static func cpuSeconds(_ pid: pid_t) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // After the command's name in parentheses: state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
