import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion and captures what it printed.
///
/// Built on `posix_spawn` and `waitpid` rather than Foundation's `Process`, whose exit
/// monitoring was seen to miss the exit of `pg_ctl start` (which leaves a daemon behind)
/// and wait for ever.
enum ProcessRunner {
    struct Result {
        var status: Int32
        var output: String
    }

    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run time
    /// because the Glibc module does not declare it.
    static let closeFrom: CloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()

    /// Runs `executable` with `arguments`; as `user` (through `runuser`) when given.
    static func run(_ executable: String, _ arguments: [String], as user: String? = nil) throws -> Result {
        var argv = [executable] + arguments
        if let user {
            argv = [find("runuser") ?? "/usr/sbin/runuser", "-u", user, "--"] + argv
        }
        // Output goes to a file, not a pipe: the server that `pg_ctl start` leaves running would
        // inherit a pipe and keep it open.
        let outputPath = NSTemporaryDirectory() + "firebreak-\(UUID().uuidString).out"
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else is inherited: `pg_ctl start` leaves a server running that would otherwise keep
        // the caller's descriptors open (a pipe a script reads to its end, the socket Foundation's
        // `Process` watches for its child's exit), so that the caller would wait for ever.
        if let closeFrom = Self.closeFrom { _ = closeFrom(&actions, 3) }

        let cArgs = argv.map { strdup($0) } + [nil]
        defer { for arg in cArgs { free(arg) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ)
        guard spawned == 0 else {
            throw StoreError.unavailable("cannot run \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw StoreError.unavailable("cannot wait for \(argv[0])") }
        }
        let exited = status & 0x7f == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        return Result(status: code, output: String(decoding: data, as: UTF8.self))
    }

    /// The first executable called `name` on PATH or in the usual system folders.
    static func find(_ name: String, extraFolders: [String] = []) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + extraFolders + ["/usr/sbin", "/sbin", "/usr/bin"]
        for folder in folders {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
