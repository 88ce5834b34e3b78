import Foundation

/// A one-connection-at-a-time HTTP/1.1 peer on loopback that answers every request with a fixed
/// raw reply and records the request heads. For what the sandbox does not show: the headers the
/// client sends, redirects, bodies no real server would send.
final class RawHTTPServer: Sendable {
    let port: Int
    private let fd: Int32
    private let heads = Locked<[String]>([])

    /// Listens on 127.0.0.1 (any free port) and answers each request with `reply` (bytes as sent).
    init(reply: String) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard ok else { close(fd); throw POSIXError(.EADDRINUSE) }
        self.fd = fd
        self.port = Int(UInt16(bigEndian: addr.sin_port))
        let heads = self.heads
        let bytes = Array(reply.utf8)
        Thread.detachNewThread {
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else {
                    // stop() shut the socket down; closing it here, not there, means no other
                    // socket can get this descriptor number while this thread still uses it.
                    close(fd)
                    return
                }
                var received: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while !String(decoding: received, as: UTF8.self).contains("\r\n\r\n") {
                    let n = read(client, &buffer, buffer.count)
                    if n <= 0 { break }
                    received += buffer[0..<n]
                }
                let head = String(decoding: received, as: UTF8.self)
                heads.withLock { $0.append(head) }
                _ = bytes.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                close(client)
            }
        }
    }

    /// "http://127.0.0.1:PORT".
    var baseURL: String { "http://127.0.0.1:\(port)" }
    /// The request heads received so far (request line and headers, plus any body bytes read).
    var requests: [String] { heads.withLock { $0 } }

    /// Stops accepting (the accepting thread closes the socket).
    func stop() {
        shutdown(fd, Int32(SHUT_RDWR))
    }
}
