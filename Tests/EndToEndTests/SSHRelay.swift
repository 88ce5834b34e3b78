import Foundation
import Synchronization

/// A TCP relay on 127.0.0.1 between `ssh` and `sshd` that plays a slow, far link: each byte is held
/// for a fixed one-way delay and the link carries at most `bitsPerSecond` each way (this kernel has no
/// `netem` qdisc, so the harness shapes the traffic itself). It counts the bytes each way, keeps the
/// time of every segment (when it left its sender, when it reached the other end), and can cut every
/// connection on command (both sides closed at once, as when the link drops).
///
/// Model: a segment (at most `segmentSize` bytes, like a TCP segment on a real link) is sent on when
/// the link is free (serialization at the rate), then arrives `delay` later. Blocking sockets, two
/// threads per direction of a connection (read, deliver), so a full socket on one side never stalls
/// the other direction. Unchecked `Sendable`: its mutable state is behind `NSCondition`s and a `Mutex`.
final class SSHRelay: @unchecked Sendable {
    /// The way bytes go.
    enum Direction: Sendable { case clientToServer, serverToClient }

    /// One segment that crossed the relay.
    struct Chunk: Sendable {
        var direction: Direction
        /// When the relay read it: the moment it left its sender.
        var sent: ContinuousClock.Instant
        /// When the relay wrote it to the other end (sent + delay + time on the capped link).
        var delivered: ContinuousClock.Instant
        var bytes: [UInt8]
    }

    /// The port `ssh` connects to.
    let port: UInt16
    let delay: Duration
    let bitsPerSecond: Int?
    static let segmentSize = 1448
    private let target: UInt16
    private let listenFD: Int32
    private let log = Mutex<[Chunk]>([])
    private let connections = Mutex<[Connection]>([])

    /// Listens on a free loopback port and relays each connection to `127.0.0.1:target`.
    /// - Parameters: `delay` one way (50 ms = 100 ms round trip); `bitsPerSecond` each way, nil for no cap.
    init(to target: UInt16, delay: Duration = .milliseconds(50), bitsPerSecond: Int? = 256_000) throws {
        self.target = target
        self.delay = delay
        self.bitsPerSecond = bitsPerSecond
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { Glibc.close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listenFD = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// A `sockaddr_in` for 127.0.0.1:`port`.
    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    /// Every segment delivered so far, in delivery order per direction.
    func chunks() -> [Chunk] { log.withLock { $0 } }

    /// Bytes delivered so far in `direction`.
    func bytes(_ direction: Direction) -> Int {
        log.withLock { $0.reduce(0) { $1.direction == direction ? $0 + $1.bytes.count : $0 } }
    }

    /// Closes both sides of every open connection now (what sshd and ssh see when the link drops).
    func cut() {
        for connection in connections.withLock({ $0 }) { connection.cut() }
    }

    /// Stops listening and cuts every connection.
    func close() {
        shutdown(listenFD, Int32(SHUT_RDWR))  // wakes the accept loop, which closes the socket
        cut()
    }

    deinit { close() }

    private func acceptLoop() {
        while true {
            let client = accept(listenFD, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                break
            }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: target)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard server >= 0, connected == 0 else {
                Glibc.close(client)
                if server >= 0 { Glibc.close(server) }
                continue
            }
            for fd in [client, server] {  // small writes (keys, frames) go out at once, as ssh sets it
                var one: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            }
            let connection = Connection(client: client, server: server, relay: self)
            connections.withLock { $0.append(connection) }
            connection.start()
        }
        Glibc.close(listenFD)
    }

    fileprivate func record(_ chunk: Chunk) { log.withLock { $0.append(chunk) } }

    /// The two directions of one relayed connection; closes both sockets once all four threads ended.
    private final class Connection: @unchecked Sendable {
        let client: Int32, server: Int32
        let up: Lane, down: Lane
        private let finished = Mutex(0)

        init(client: Int32, server: Int32, relay: SSHRelay) {
            self.client = client
            self.server = server
            up = Lane(from: client, to: server, direction: .clientToServer, relay: relay)
            down = Lane(from: server, to: client, direction: .serverToClient, relay: relay)
        }

        func start() {
            for lane in [up, down] {
                Thread { [self] in lane.readLoop(); done() }.start()
                Thread { [self] in lane.deliverLoop(); done() }.start()
            }
        }

        func cut() {
            up.stop()
            down.stop()
            shutdown(client, Int32(SHUT_RDWR))
            shutdown(server, Int32(SHUT_RDWR))
        }

        private func done() {
            let all = finished.withLock { count -> Bool in count += 1; return count == 4 }
            if all { Glibc.close(client); Glibc.close(server) }
        }
    }

    /// One direction: a reader that stamps and queues segments, a deliverer that writes each when due.
    private final class Lane: @unchecked Sendable {
        let from: Int32, to: Int32
        let direction: Direction
        let relay: SSHRelay  // strong: a lane's threads may outlive the test's last reference
        private let condition = NSCondition()
        private var queue: [Chunk] = []
        private var endOfInput = false
        private var stopped = false
        /// When the capped link finishes sending what is queued.
        private var linkFree = ContinuousClock.now

        init(from: Int32, to: Int32, direction: Direction, relay: SSHRelay) {
            self.from = from
            self.to = to
            self.direction = direction
            self.relay = relay
        }

        func readLoop() {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(from, $0.baseAddress, $0.count, 0) }
                if count < 0 && errno == EINTR { continue }
                let now = ContinuousClock.now
                condition.lock()
                if count <= 0 {
                    endOfInput = true
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                var offset = 0
                while offset < count {
                    let size = min(SSHRelay.segmentSize, count - offset)
                    let start = max(now, linkFree)
                    if let rate = relay.bitsPerSecond {
                        linkFree = start + .nanoseconds(Int64(size) * 8 * 1_000_000_000 / Int64(rate))
                    } else {
                        linkFree = start
                    }
                    queue.append(Chunk(direction: direction, sent: now, delivered: linkFree + relay.delay,
                                       bytes: Array(buffer[offset..<(offset + size)])))
                    offset += size
                }
                condition.broadcast()
                condition.unlock()
            }
        }

        func deliverLoop() {
            while true {
                condition.lock()
                var due: [Chunk] = []
                while due.isEmpty {
                    if stopped { condition.unlock(); return }
                    if queue.isEmpty {
                        if endOfInput {
                            condition.unlock()
                            shutdown(to, Int32(SHUT_WR))  // the sender closed: pass the FIN on after the data
                            return
                        }
                        condition.wait()
                        continue
                    }
                    let now = ContinuousClock.now
                    if queue[0].delivered > now {
                        let wait = queue[0].delivered - now
                        _ = condition.wait(until: Date().addingTimeInterval(Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18))
                        continue
                    }
                    let ready = queue.prefix { $0.delivered <= now }.count
                    due = Array(queue.prefix(ready))
                    queue.removeFirst(ready)
                }
                condition.unlock()
                for var chunk in due {
                    var offset = 0
                    while offset < chunk.bytes.count {
                        let written = chunk.bytes[offset...].withUnsafeBytes { send(to, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                        if written < 0 && errno == EINTR { continue }
                        if written <= 0 { stop(); return }
                        offset += written
                    }
                    chunk.delivered = ContinuousClock.now
                    relay.record(chunk)
                }
            }
        }

        func stop() {
            condition.lock()
            stopped = true
            queue.removeAll()
            condition.broadcast()
            condition.unlock()
        }
    }
}
