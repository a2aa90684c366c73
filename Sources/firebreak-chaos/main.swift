// Holds connections open against a server, as a flood of clients that send nothing (or half a
// request) does, for the chaos tests (Tests/FirebreakServerTests/ConnectionChaosTests.swift).
// A process of its own, so that the connections held are not bounded by the test's own limit on
// open files, and so that a test can kill a whole client at once.
//
//   firebreak-chaos hold --port PORT [--host 127.0.0.1] [--idle N] [--partial N] [--seconds S]
//
// Opens N connections that send nothing and N that send half a request's headers, then watches
// them for at most S seconds (default 60) and exits. Prints lines of `key=value` words:
//   opened idle=N partial=N failed=N error=TEXT    once all are opened
//   status open=N closed=N answered=N              every 200 ms: held, closed by the server, and
//                                                  closed after a 503 answer
//   partial-closed n=N first=SECONDS last=SECONDS  how long the half-sent ones lasted, once all are closed
// Only loopback addresses are accepted.

#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var host = "127.0.0.1"
    var port: UInt16 = 0
    var idle = 0
    var partial = 0
    var seconds = 60.0

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        guard rest.first == "hold" else { fail("usage: firebreak-chaos hold --port PORT [--idle N] [--partial N]") }
        rest = rest.dropFirst()
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { fail("\(flag) needs a value") }
            switch flag {
            case "--host": host = value
            case "--port": port = UInt16(value) ?? 0
            case "--idle": idle = Int(value) ?? 0
            case "--partial": partial = Int(value) ?? 0
            case "--seconds": seconds = Double(value) ?? 60
            default: fail("unknown option \(flag)")
            }
        }
        guard port != 0 else { fail("--port is required") }
        guard host.hasPrefix("127.") else { fail("only loopback addresses (127.x.x.x)") }
    }
}

func fail(_ message: String) -> Never {
    let bytes = Array("firebreak-chaos: \(message)\n".utf8)
    _ = write(2, bytes, bytes.count)
    exit(2)
}

/// Writes a line to standard output at once (no buffering: the test reads it as it comes).
func say(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = write(1, bytes, bytes.count)
}

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Raises the soft limit on open files to the hard one.
func raiseFileLimit() {
    var limit = rlimit()
    let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    guard getrlimit(resource, &limit) == 0 else { return }
    limit.rlim_cur = limit.rlim_max
    _ = setrlimit(resource, &limit)
}

struct Connection {
    let fd: Int32
    let partial: Bool
    let opened: Double
    var answered = false
}

enum Attempt {
    case connected(Int32)
    case failed(errno: Int32)
}

/// A blocking connect with a 2 s limit.
func connectTo(_ options: Options) -> Attempt {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return .failed(errno: errno) }
    var timeout = timeval(tv_sec: 2, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = options.port.bigEndian
    inet_pton(AF_INET, options.host, &address.sin_addr)
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard connected == 0 else {
        let error = errno
        close(fd)
        return .failed(errno: error)
    }
    return .connected(fd)
}

let options = Options(CommandLine.arguments)
raiseFileLimit()
signal(SIGPIPE, SIG_IGN)
let started = now()
let halfRequest = Array(
    "GET /healthz HTTP/1.1\r\nHost: \(options.host)\r\nUser-Agent: firebreak-chaos\r\nX-Slow: ".utf8)

var connections: [Connection] = []
var failed = 0
var lastError: Int32 = 0
for n in 0..<(options.idle + options.partial) where now() - started < options.seconds {
    let partial = n >= options.idle
    switch connectTo(options) {
    case .connected(let fd):
        if partial { _ = halfRequest.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
        connections.append(Connection(fd: fd, partial: partial, opened: now()))
    case .failed(let error):
        failed += 1
        lastError = error
    }
}
let heldIdle = connections.filter { !$0.partial }.count
say(
    "opened idle=\(heldIdle) partial=\(connections.count - heldIdle) failed=\(failed) "
        + "error=\(lastError == 0 ? "none" : String(cString: strerror(lastError)))")

// Watch: a connection the server closes reads as end of file (after a 503, for one refused).
var closed = 0
var answered = 0
var partialLifetimes: [Double] = []
let partialCount = connections.filter(\.partial).count
var open = connections
var buffer = [UInt8](repeating: 0, count: 4096)
var lastStatus = 0.0
var saidPartial = false
while now() - started < options.seconds {
    var polls = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
    _ = poll(&polls, nfds_t(polls.count), 200)
    var still: [Connection] = []
    still.reserveCapacity(open.count)
    for (index, var connection) in open.enumerated() {
        guard polls[index].revents != 0 else {
            still.append(connection)
            continue
        }
        let count = recv(connection.fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        if count > 0 {
            if buffer.starts(with: Array("HTTP/1.1 503".utf8)) { connection.answered = true }
            still.append(connection)
            continue
        }
        if count < 0, errno == EAGAIN || errno == EINTR {
            still.append(connection)
            continue
        }
        close(connection.fd)
        closed += 1
        if connection.answered { answered += 1 }
        if connection.partial { partialLifetimes.append(now() - connection.opened) }
    }
    open = still
    if now() - lastStatus >= 0.2 {
        lastStatus = now()
        say("status open=\(open.count) closed=\(closed) answered=\(answered)")
    }
    if partialCount > 0, !saidPartial, partialLifetimes.count == partialCount {
        say("partial-closed n=\(partialCount) first=\(partialLifetimes.min() ?? 0) last=\(partialLifetimes.max() ?? 0)")
        saidPartial = true
    }
}
say("status open=\(open.count) closed=\(closed) answered=\(answered)")
say("done")
