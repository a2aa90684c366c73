import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection to a local server, byte by byte, for what an HTTP client will not do: send
/// half a request, or nothing, and see when the server closes it. Waits poll in short slices, so
/// that a test waiting seconds for a close holds no thread of the cooperative pool meanwhile.
final class RawConnection: @unchecked Sendable {
    let fd: Int32
    /// When the connection was made (or when its last bytes were sent, see ``send(_:)``).
    private(set) var sentAt = ContinuousClock.now
    private(set) var received: [UInt8] = []

    /// Connects to 127.0.0.1:`port`.
    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerFailure(message: "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw ServerFailure(message: "connect to port \(port): \(message)")
        }
        sentAt = .now
    }

    deinit { close(fd) }

    /// Sends `text` as it is (no line ending added).
    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw ServerFailure(message: "send: \(String(cString: strerror(errno)))") }
        sentAt = .now
    }

    /// Reads what has arrived without waiting; true once the server has closed the connection.
    func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count > 0 {
                received += buffer[0..<count]
                continue
            }
            if count == 0 { return true }
            return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR
        }
    }

    /// Waits up to `limit` for the server to close the connection; how long after ``sentAt`` it did.
    func closedWithin(_ limit: Duration) async throws -> Duration? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if drain() { return ContinuousClock.now - sentAt }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Waits up to `limit` for the server to close each of `connections`; how long after its
    /// ``sentAt`` each was closed (nil: still open), all watched at once.
    static func closures(of connections: [RawConnection], within limit: Duration) async throws -> [Duration?] {
        var lasted = [Duration?](repeating: nil, count: connections.count)
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline, lasted.contains(where: { $0 == nil }) {
            for (index, connection) in connections.enumerated() where lasted[index] == nil && connection.drain() {
                lasted[index] = ContinuousClock.now - connection.sentAt
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return lasted
    }

    /// Waits up to `limit` for a whole HTTP response head and returns its status code.
    func status(within limit: Duration) async throws -> Int? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let closed = drain()
            let text = String(decoding: received, as: UTF8.self)
            if text.contains("\r\n\r\n"), let code = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
                return code
            }
            if closed { return nil }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// What has arrived, as text.
    var text: String { String(decoding: received, as: UTF8.self) }
}
