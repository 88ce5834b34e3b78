"""A program on a pseudo-terminal whose output is counted byte by byte, for scripts/bench.

A reader thread drains the pty master all the time (so the program never blocks on a full pty) and
keeps every chunk with its arrival time (monotonic clock); the bench asks how many bytes arrived in a
time span, or waits for some text or for the output to rest.
"""
import fcntl
import os
import pty
import signal
import struct
import subprocess
import termios
import threading
import time


class PtySession:
    def __init__(self, command, env, cols=200, rows=60):
        self.command, self.env, self.cols, self.rows = command, env, cols, rows
        self.chunks = []  # (monotonic arrival, bytes)
        self.lock = threading.Lock()

    def __enter__(self):
        master, slave = os.openpty()
        self._winsize(slave, self.cols, self.rows)
        self.started = time.monotonic()
        self.proc = subprocess.Popen(self.command, stdin=slave, stdout=slave, stderr=slave, env=self.env,
                                     start_new_session=True, preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        self.master, self.pid = master, self.proc.pid
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.reader.join(timeout=2)
        os.close(self.master)

    @staticmethod
    def _winsize(fd, cols, rows):
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def _read(self):
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                self.chunks.append((time.monotonic(), data))

    def send(self, data):
        """Writes keys to the program; returns the monotonic time they were sent."""
        at = time.monotonic()
        os.write(self.master, data)
        return at

    def resize(self, cols, rows):
        """Sets the pty size and sends SIGWINCH, as a terminal emulator does; returns the time."""
        self.cols, self.rows = cols, rows
        at = time.monotonic()
        self._winsize(self.master, cols, rows)
        os.kill(self.pid, signal.SIGWINCH)
        return at

    def total_bytes(self):
        with self.lock:
            return sum(len(d) for _, d in self.chunks)

    def bytes_between(self, start, end):
        with self.lock:
            return sum(len(d) for t, d in self.chunks if start <= t < end)

    def wait_for(self, predicate, timeout):
        """Waits until `predicate(all output so far)`; returns the arrival time of the chunk that
        made it true, or None after `timeout` seconds."""
        deadline, seen, data = time.monotonic() + timeout, 0, b""
        while time.monotonic() < deadline:
            with self.lock:
                fresh = self.chunks[seen:]
            for at, chunk in fresh:
                seen += 1
                data += chunk
                if predicate(data):
                    return at
            if self.proc.poll() is not None:
                return None
            time.sleep(0.002)
        return None

    def wait_quiet(self, quiet, timeout, since=None):
        """Waits until nothing has arrived for `quiet` seconds, counting from `since` at the earliest
        (when keys were sent: the answer must not be mistaken for silence), or `timeout` passed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                last = max(self.chunks[-1][0] if self.chunks else self.started, since or 0)
            if time.monotonic() - last >= quiet:
                return
            time.sleep(0.01)
