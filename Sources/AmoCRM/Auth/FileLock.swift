import Foundation

/// An exclusive advisory lock (`flock(LOCK_EX)`) on a lock file, held across processes.
///
/// The lock file is a sibling of the credential file (`<file>.lock`) and is never replaced:
/// locking the credential file itself would not work, because the atomic rename that saves it
/// gives it a new inode, and a process waiting on the old inode would not exclude one that opens
/// the new. Waiting polls with `LOCK_NB` so a cooperative thread is never blocked and the wait can
/// be cancelled.
final class FileLock {
    private var fd: Int32

    /// Takes the lock, waiting at most `timeout`. Throws `AmoError.configuration` when the lock file
    /// cannot be opened or the wait times out, `AmoError.cancelled` when the task is cancelled.
    init(path: String, timeout: Duration = .seconds(60)) async throws(AmoError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .configuration("Cannot open lock file \(path): \(String(cString: strerror(errno)))")
        }
        let deadline = ContinuousClock.now + timeout
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let err = errno
            guard err == EWOULDBLOCK || err == EINTR else {
                close(fd)
                throw .configuration("Cannot lock \(path): \(String(cString: strerror(err)))")
            }
            guard ContinuousClock.now < deadline else {
                close(fd)
                throw .configuration("Timed out waiting for another amowidgets process to release \(path)")
            }
            do { try await Task.sleep(for: .milliseconds(10)) } catch {
                close(fd)
                throw .cancelled
            }
        }
        self.fd = fd
    }

    /// Releases the lock (closing the descriptor releases it too, even if the process dies).
    func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
