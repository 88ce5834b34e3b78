"""scripts/bench --ssh: amowidgets over a real SSH link (issue 16), beside htop over the same link.

OpenSSH's sshd on a loopback port (its own keys and sshd_config in a temp folder, as the SSH tests
start it), and between `ssh` and `sshd` a relay of this script's own playing a far link: 50 ms each
way (100 ms RTT), 256 kbit/s each way, counting the bytes each way and stamping every segment. The
client is `ssh -tt` on a pseudo-terminal of this script (bench_pty.PtySession) at 80x24 and 200x60.

Figures: bytes server->client on the wire per key (↓, PgDn, filter key) beside the program's own
pty bytes for the same keys and beside htop scrolling its process list; key-to-screen at the client
(the key's bytes leave the client -> the frame's first bytes arrive) minus the RTT; start over the
link beside `ssh -tt host true`; and the dropped-link runs (idle, form typed into, install in flight,
20 each): far-end exit time after the cut, processes left after 5 s, changes not in the audit log.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_pty import PtySession  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOWN, PGDN, BACKSPACE = b"\x1bOB", b"\x1b[6~", b"\x7f"
DELAY, RATE = 0.050, 256_000
RTT = 2 * DELAY
SEGMENT = 1448


def log(text):
    print(f"bench --ssh: {text}", file=sys.stderr, flush=True)


class Relay:
    """TCP relay 127.0.0.1:port -> 127.0.0.1:target: each segment leaves when the capped link is
    free, arrives DELAY later; chunks = (direction 'up'/'down', sent, delivered, bytes)."""

    def __init__(self, target, delay=DELAY, rate=RATE):
        self.target, self.delay, self.rate = target, delay, rate
        self.chunks, self.lock, self.conns = [], threading.Lock(), []
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target))
            for s in (client, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self.lock:
                self.conns.append((client, server))
            for src, dst, name in ((client, server, "up"), (server, client, "down")):
                lane = {"queue": [], "cond": threading.Condition(), "eof": False, "free": time.monotonic()}
                threading.Thread(target=self._read, args=(src, lane), daemon=True).start()
                threading.Thread(target=self._deliver, args=(dst, lane, name), daemon=True).start()

    def _read(self, src, lane):
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                data = b""
            now = time.monotonic()
            with lane["cond"]:
                if not data:
                    lane["eof"] = True
                    lane["cond"].notify()
                    return
                for i in range(0, len(data), SEGMENT):
                    seg = data[i:i + SEGMENT]
                    start = max(now, lane["free"])
                    lane["free"] = start + len(seg) * 8 / self.rate
                    lane["queue"].append((now, lane["free"] + self.delay, seg))
                lane["cond"].notify()

    def _deliver(self, dst, lane, name):
        while True:
            with lane["cond"]:
                while True:
                    if lane["queue"]:
                        wait = lane["queue"][0][1] - time.monotonic()
                        if wait <= 0:
                            break
                        lane["cond"].wait(wait)
                    elif lane["eof"]:
                        try:
                            dst.shutdown(socket.SHUT_WR)
                        except OSError:
                            pass
                        return
                    else:
                        lane["cond"].wait()
                now = time.monotonic()
                due = [c for c in lane["queue"] if c[1] <= now]
                del lane["queue"][:len(due)]
            for sent, _, seg in due:
                try:
                    dst.sendall(seg)
                except OSError:
                    return
                with self.lock:
                    self.chunks.append((name, sent, time.monotonic(), len(seg)))

    def bytes(self, name, start=0.0, end=float("inf")):
        """Bytes delivered in direction `name` whose delivery time is in [start, end)."""
        with self.lock:
            return sum(n for d, _, t, n in self.chunks if d == name and start <= t < end)

    def last(self, name):
        with self.lock:
            times = [t for d, _, t, _ in self.chunks if d == name]
        return times[-1] if times else 0.0

    def key_and_answer(self, moment):
        """For a key sent at `moment`: when its bytes reached sshd, and when sshd sent the first
        bytes after that (relay timestamps), or None."""
        with self.lock:
            up = [t for d, _, t, _ in self.chunks if d == "up" and t > moment]
            if not up:
                return None
            down = [sent for d, sent, _, _ in self.chunks if d == "down" and sent > up[0]]
        return (up[0], min(down)) if down else None

    def sent_between(self, name, start, end):
        """Bytes in direction `name` that left their sender (reached the relay) in [start, end)."""
        with self.lock:
            return sum(n for d, sent, _, n in self.chunks if d == name and start <= sent < end)

    def cut(self):
        with self.lock:
            conns, self.conns = self.conns, []
        for pair in conns:
            for s in pair:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self):
        self.cut()
        self.sock.close()


class SSHD:
    """sshd -D on a free loopback port with keys and config in a temp folder; stop() by pid."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="amowidgets-bench-ssh-")
        for key in ("host_key", "client_key"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", self.path(key)], check=True)
        shutil.copy(self.path("client_key.pub"), self.path("authorized_keys"))
        os.chmod(self.path("authorized_keys"), 0o600)
        if os.getuid() == 0:
            os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        with open(self.path("sshd_config"), "w") as f:
            f.write(f"ListenAddress 127.0.0.1:{self.port}\nHostKey {self.path('host_key')}\nPidFile none\n"
                    f"AuthorizedKeysFile {self.path('authorized_keys')}\nAuthenticationMethods publickey\n"
                    "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
                    "PermitRootLogin prohibit-password\nAcceptEnv LANG LC_*\nPermitUserEnvironment no\n"
                    "StrictModes no\nPrintMotd no\nPrintLastLog no\nUseDNS no\nMaxStartups 50\n")
        self.proc = subprocess.Popen(["/usr/sbin/sshd", "-D", "-f", self.path("sshd_config"), "-E", self.path("sshd.log")])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.02)
        self.user = os.environ.get("USER") or subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()

    def path(self, name):
        return os.path.join(self.dir, name)

    def ssh(self, port, tty=True):
        with open(self.path("client_key.pub")) as f:
            pass
        with open(self.path("host_key.pub")) as f:
            host_key = " ".join(f.read().split()[:2])
        with open(self.path("known_hosts"), "w") as f:
            f.write(f"[127.0.0.1]:{port} {host_key}\n")
        return ["ssh", "-F", "/dev/null", "-p", str(port), "-i", self.path("client_key"), "-o", "IdentitiesOnly=yes",
                "-o", f"UserKnownHostsFile={self.path('known_hosts')}", "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "SendEnv=LANG LC_*",
                "-tt" if tty else "-T", f"{self.user}@127.0.0.1"]

    def descendants(self):
        found, queue = [], [self.proc.pid]
        while queue:
            pid = queue.pop()
            try:
                tasks = os.listdir(f"/proc/{pid}/task")
            except OSError:
                continue
            for task in tasks:
                try:
                    with open(f"/proc/{pid}/task/{task}/children") as f:
                        children = [int(c) for c in f.read().split()]
                except OSError:
                    continue
                for child in children:
                    if child not in found:
                        found.append(child)
                        queue.append(child)
        return found

    def stop(self):
        below = self.descendants()
        self.proc.terminate()
        for pid in below:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def median(values):
    values = sorted(values)
    if not values:
        return float("nan")
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def p99(values):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, -(-99 * len(values) // 100) - 1))] if values else float("nan")


def wait_wire_quiet(relay, since, quiet=0.35, timeout=8):
    """Until nothing has crossed server->client for `quiet` s (counting from `since`)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if time.monotonic() - max(relay.last("down"), since) >= quiet:
            return
        time.sleep(0.01)


def wire_keys(relay, client, keys, quiet=0.35):
    """Per key: server->client bytes on the wire, the frame (what sshd sent within 100 ms of the
    key reaching it) and in all until the wire rests (with the debounced detail pane); and the far
    end's share of key-to-screen (ms): sshd got the key -> sshd sent the first bytes back, i.e.
    key-to-screen at the client minus the RTT and the link's serialization."""
    frames, totals, shares = [], [], []
    for key in keys:
        at = client.send(key)
        wait_wire_quiet(relay, at, quiet)
        totals.append(relay.bytes("down", at))
        pair = relay.key_and_answer(at)
        if pair:
            frames.append(relay.sent_between("down", pair[0], pair[0] + 0.1))
            shares.append((pair[1] - pair[0]) * 1000)
        else:
            frames.append(0)
    return {"frame": frames, "total": totals, "share": shares}


def list_region(cols, rows):
    """(row, col) -> True inside the widget list (its rows and, side by side, its columns), as
    WidgetManager's Layout places it: side by side from 100 columns, else the list above the detail."""
    inner_w, main_h = cols - 2, rows - 5
    if cols >= 100:
        list_w = max(44, (inner_w - 1) // 2)
        return lambda r, c: 1 <= r <= main_h and 1 <= c <= list_w
    list_h = max(2, (main_h - 1) * 55 // 100)
    return lambda r, c: 1 <= r <= list_h


CSI = re.compile(rb"\x1b\[([0-9;?]*)([@-~])")


def list_bytes(data, inside, start=(0, 0)):
    """Bytes of `data` (ncurses output) written while the cursor was inside the list (`inside`):
    follows cursor addressing and relative moves, counts each sequence or character where it starts."""
    row, col = start
    i, count = 0, 0
    while i < len(data):
        here = inside(row, col)
        b = data[i]
        if b == 0x1B:
            m = CSI.match(data, i)
            if m:
                params = [int(x) if x.isdigit() else 0 for x in m.group(1).replace(b"?", b"").split(b";")] if m.group(1) else []
                n = params[0] if params and params[0] else 1
                final = m.group(2)
                if final in (b"H", b"f"):
                    row, col = (params[0] or 1) - 1 if params else 0, (params[1] or 1) - 1 if len(params) > 1 else 0
                elif final == b"A":
                    row -= n
                elif final == b"B":
                    row += n
                elif final == b"C":
                    col += n
                elif final == b"D":
                    col -= n
                elif final == b"G":
                    col = n - 1
                elif final == b"d":
                    row = n - 1
                elif final == b"b":
                    col += n
                end = m.end()
            else:
                end = i + (3 if i + 1 < len(data) and data[i + 1] in b"()" else 2)
            count += (end - i) if here else 0
            i = end
            continue
        if b == 0x0D:
            col = 0
        elif b == 0x0A:
            row += 1
        elif b == 0x08:
            col -= 1
        elif b >= 0x20 and not (0x80 <= b < 0xC0):
            col += 1
        count += 1 if here else 0
        i += 1
    return count, (row, col)


def pty_keys(tui, keys, quiet=0.25, inside=None):
    """Per key: the program's own bytes on its pty, within 100 ms (the frame) and until it rests;
    with `inside`, also the bytes that changed the list (the selection moving, not the detail pane)."""
    frames, totals, lists = [], [], []
    cursor = (0, 0)
    for key in keys:
        at = tui.send(key)
        tui.wait_quiet(quiet, timeout=5, since=at)
        frames.append(tui.bytes_between(at, at + 0.1))
        totals.append(tui.bytes_between(at, time.monotonic() + 1))
        if inside:
            with tui.lock:
                data = b"".join(d for t, d in tui.chunks if t >= at)
            n, cursor = list_bytes(data, inside, cursor)
            lists.append(n)
    return {"frame": frames, "total": totals, "list": lists}


def key_plan(word, downs, pgdns, filters):
    letters = [ch.encode() for ch in word] + [BACKSPACE] * len(word)
    filter_keys = (letters * (filters // len(letters) + 1))[:filters]
    return {"down": [DOWN] * downs, "pgdn": [PGDN] * pgdns, "filter": filter_keys}


def amowidgets_over_link(sshd, relay, binary, catalog, work, cols, rows, plan):
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
    env.pop("LC_ALL", None)
    remote = f"AMOWIDGETS_HOME={quote(work + '/far-home')} exec {quote(binary)} --sandbox --sandbox-catalog {quote(catalog)}"
    result = {}
    with PtySession(sshd.ssh(relay.port) + [remote], env, cols=cols, rows=rows) as client:
        if client.wait_for(lambda data: b"widgets loaded" in data, timeout=180) is None:
            raise SystemExit("bench --ssh: the TUI over the link did not load its catalogue")
        wait_wire_quiet(relay, time.monotonic(), quiet=1.0, timeout=20)
        for name in ("down", "pgdn"):
            result[name] = wire_keys(relay, client, plan[name])
        at = client.send(b"/")
        wait_wire_quiet(relay, at)
        result["filter"] = wire_keys(relay, client, plan["filter"])
        client.send(b"\x1b")
        time.sleep(0.3)
        client.send(b"q")
        client.wait_for(lambda data: False, timeout=2)
    return result


def amowidgets_on_pty(binary, catalog, work, cols, rows, plan):
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", AMOWIDGETS_HOME=work + "/pty-home")
    result = {}
    with PtySession([binary, "--sandbox", "--sandbox-catalog", catalog], env, cols=cols, rows=rows) as tui:
        if tui.wait_for(lambda data: b"widgets loaded" in data, timeout=180) is None:
            raise SystemExit("bench --ssh: the TUI on the pty did not load its catalogue")
        tui.wait_quiet(1.0, timeout=20)
        for name in ("down", "pgdn"):
            result[name] = pty_keys(tui, plan[name], inside=list_region(cols, rows))
        at = tui.send(b"/")
        tui.wait_quiet(0.25, timeout=5, since=at)
        result["filter"] = pty_keys(tui, plan["filter"])
    return result


def htop_over_link(sshd, relay, work, cols, rows, downs):
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
    # -d 600: a refresh each 60 s, so what crosses the wire after ↓ is the answer to ↓.
    remote = f"HOME={quote(work + '/htop-home')} exec htop -d 600"
    with PtySession(sshd.ssh(relay.port) + [remote], env, cols=cols, rows=rows) as client:
        client.wait_for(lambda data: b"Load average" in data, timeout=20)
        wait_wire_quiet(relay, time.monotonic(), quiet=1.0, timeout=10)
        result = wire_keys(relay, client, [DOWN] * downs)
        client.send(b"q")
        client.wait_for(lambda data: False, timeout=1)
    return {"down": result}


def htop_on_pty(work, cols, rows, downs):
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", HOME=work + "/htop-home")
    with PtySession(["htop", "-d", "600"], env, cols=cols, rows=rows) as tui:
        tui.wait_for(lambda data: b"Load average" in data, timeout=20)
        tui.wait_quiet(1.0, timeout=10)
        return {"down": pty_keys(tui, [DOWN] * downs)}


def starts(sshd, relay, binary, work, codes, runs):
    """`ssh -tt host amowidgets --sandbox` to the first rows at the client; `ssh -tt host true`."""
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
    pattern = re.compile("|".join(re.escape(c) for c in codes).encode())
    remote = f"AMOWIDGETS_HOME={quote(work + '/start-home')} exec {quote(binary)} --sandbox"
    tui, true = [], []
    for _ in range(runs):
        with PtySession(sshd.ssh(relay.port) + [remote], env, cols=200, rows=60) as client:
            found = client.wait_for(lambda data: pattern.search(data) is not None, timeout=30)
            if found is None:
                raise SystemExit("bench --ssh: no widget rows over the link within 30 s")
            tui.append(found - client.started)
            client.send(b"q")
            client.proc.wait(timeout=10)
        began = time.monotonic()
        subprocess.run(sshd.ssh(relay.port) + ["true"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)
        true.append(time.monotonic() - began)
    return tui, true


# The program runs as a job of the far shell, which passes a hang-up on to it as a login shell does
# (the kernel signals only the session leader), then records its exit status.
FAR_SCRIPT = """cd {far}
export AMOWIDGETS_HOME={far}/home TMPDIR={far}/tmp SWIFT_BACKTRACE=enable=no
{binary} 2> far-output < /dev/tty &
child=$!
echo $child > far-program.pid
trap 'kill -HUP $child 2>/dev/null' HUP
wait $child
while kill -0 $child 2>/dev/null; do wait $child; done
wait $child
echo $? > far-exit
"""


def cut_run(sshd, binary, moment, work, n):
    """One dropped-link run: a sandbox process (POSTs held 4 s for `install`), a far home logged in
    to it, the TUI over the link; the moment set up by keys, then the relay cut. Returns
    (seconds until the far program was gone or None, processes left after 5 s, changes unrecorded)."""
    far = os.path.join(work, f"cut-{moment}-{n}")
    os.makedirs(far + "/home")
    os.makedirs(far + "/tmp")
    args = [binary, "sandbox", "--port", "0", "--state", far + "/state.json"]
    if moment == "install":
        args += ["--faults", "latency:4000@POST"]
    sandbox = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = re.search(r"http://\S+", sandbox.stdout.readline()).group(0)
    relay = Relay(sshd.port)
    try:
        env = dict(os.environ, AMOWIDGETS_HOME=far + "/home")
        subprocess.run([binary, "login", "--base-url", url, "--token-stdin"], input=b"sandbox-admin-token\n",
                       env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(far + "/far.sh", "w") as f:
            f.write(FAR_SCRIPT.format(far=quote(far), binary=quote(binary)))
        cenv = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
        with PtySession(sshd.ssh(relay.port) + ["sh " + quote(far + "/far.sh")], cenv, cols=100, rows=30) as client:
            if client.wait_for(lambda d: b"widgets loaded" in d, timeout=30) is None:
                return None, -1, -1
            wait_wire_quiet(relay, time.monotonic(), quiet=0.5)
            if moment in ("form", "install"):
                for keys in (b"/", b"amo_asterisk", b"\r"):
                    client.send(keys)
                    time.sleep(0.3)
                client.send(b"i")
                client.wait_for(lambda d: b"Install amo_asterisk" in d, timeout=10)
                if moment == "form":
                    client.send("typed-before-the-cut".encode())
                else:
                    for keys in ("оператор".encode(), b"\t", b"secret-pass", b"\t", b"101", b"\x1b[Z" * 3, b"/var/lib/agi"):
                        client.send(keys)
                        time.sleep(0.1)
                    client.send(b"\x13")  # ^S
                time.sleep(0.8)
            with open(far + "/far-program.pid") as f:
                program = int(f.read())
            cut_at = time.monotonic()
            relay.cut()
            gone = None
            while time.monotonic() - cut_at < 10:
                if not os.path.exists(f"/proc/{program}") or open(f"/proc/{program}/stat").read().rsplit(")", 1)[1].split()[0] == "Z":
                    gone = time.monotonic() - cut_at
                    break
                time.sleep(0.01)
            time.sleep(max(0, 5 - (time.monotonic() - cut_at)))
            left = len(sshd.descendants())
        unrecorded = 0
        if moment == "install":
            time.sleep(max(0, 4.5 - (time.monotonic() - cut_at)))
            with open(far + "/state.json") as f:
                held = "amo_asterisk" in json.load(f).get("installed", {})
            try:
                with open(far + "/home/state/audit.log") as f:
                    lines = [json.loads(line) for line in f if line.strip()]
            except FileNotFoundError:
                lines = []
            recorded = [r for r in lines if r.get("widget_code") == "amo_asterisk" and r.get("outcome") in ("ok", "unknown")]
            unrecorded = int(held and not recorded)
        return gone, left, unrecorded
    finally:
        relay.close()
        sandbox.terminate()
        sandbox.wait(timeout=10)


def table(f):
    rows = []

    def add(measure, figure, baseline="", ratio="", target=""):
        rows.append((measure, figure, baseline, ratio, target))

    for size in f["sizes"]:
        s = f[size]
        wire, pty, htop, htop_pty = s["wire"], s["pty"], s["htop"]["down"], s["htop_pty"]["down"]
        hw, hp = median(htop["total"]), median(htop_pty["total"])
        for name, label in (("down", "↓"), ("pgdn", "PgDn"), ("filter", "filter key")):
            w, p = wire[name], pty[name]
            wf, wt, pf, pt = median(w["frame"]), median(w["total"]), median(p["frame"]), median(p["total"])
            if name == "down":
                add(f"{size}: wire bytes server→client per ↓ (n={len(w['total'])}): frame / with detail pane",
                    f"{wf:,.0f} / {wt:,.0f} B (p99 {p99(w['total']):,.0f})",
                    f"own pty {pf:,.0f} / {pt:,.0f} B; htop wire {hw:,.0f} B (pty {hp:,.0f})",
                    f"{wt / pt:.2f}× pty; {100 * wt / hw:.0f}% of htop", "≤ 1.25× pty; ≤ 100% of htop")
                if p.get("list"):
                    lb = median(p["list"])
                    add(f"{size}: of them the list's own change (pty bytes written inside the list pane)",
                        f"{lb:,.0f} B ({100 * lb / pt:.0f}% of the pty's {pt:,.0f} B)", f"htop pty {hp:,.0f} B",
                        f"{100 * lb / hp:.0f}% of htop", "≤ 50% of htop")
            else:
                add(f"{size}: wire bytes server→client per {label} (n={len(w['total'])}): frame / with detail pane",
                    f"{wf:,.0f} / {wt:,.0f} B (p99 {p99(w['total']):,.0f})", f"own pty {pf:,.0f} / {pt:,.0f} B",
                    f"{wt / pt:.2f}× pty" if pt else "")
        shares = wire["down"]["share"] + wire["pgdn"]["share"] + wire["filter"]["share"]
        add(f"{size}: key-to-screen minus RTT and link time = far end's share (n={len(shares)})",
            f"{median(shares):,.1f} ms (p99 {p99(shares):,.1f})",
            f"htop ↓ {median(htop['share']):,.1f} ms (p99 {p99(htop['share']):,.1f})",
            "", "≤ 5 ms p99 at 200x60" if size == "200x60" else "")
    tui, true = f["start_tui"], f["start_true"]
    add(f"start over the link: ssh -tt host amowidgets --sandbox → first rows (n={len(tui)})",
        f"{median(tui) * 1000:,.0f} ms (max {max(tui) * 1000:,.0f})", f"ssh -tt host true {median(true) * 1000:,.0f} ms",
        f"+{(median(tui) - median(true)) * 1000:,.0f} ms")
    for moment, runs in f["cuts"].items():
        gone = [g for g, _, _ in runs if g is not None]
        unset = sum(1 for _, left, _ in runs if left < 0)
        add(f"link cut while {moment} (n={len(runs)}): far end gone after",
            f"median {median(gone):.2f} s, max {max(gone) if gone else float('nan'):.2f} s"
            + (f"; {len(runs) - len(gone) - unset} still ran after 10 s" if len(runs) - len(gone) - unset else "")
            + (f"; {unset} runs not set up" if unset else ""),
            f"left after 5 s: {sum(max(0, l) for _, l, _ in runs)} processes; unrecorded changes: {sum(max(0, u) for _, _, u in runs)}",
            "", "0 left, 0 unrecorded")
    head = ("measure", "figure", "baseline", "ratio", "target")
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(5)]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    out = [f"amowidgets over SSH: {f['widgets']:,} widgets, relay 50 ms each way (RTT 100 ms), 256 kbit/s each way, "
           f"{f['build']} build, OpenSSH {f['openssh']}, {f['elapsed_s']:.0f} s",
           line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    return "\n".join(out + [line(r) for r in rows])


def run(amowidgets, catalog, work, widgets, quick, build, codes_page_one, word):
    """The whole --ssh part; prints its table; returns the figures."""
    began = time.monotonic()
    for tool in ("/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/htop"):
        if not os.path.exists(tool):
            raise SystemExit(f"bench --ssh: {tool} is missing (apt-get install openssh-server openssh-client htop)")
    openssh = subprocess.run(["ssh", "-V"], capture_output=True, text=True).stderr.split(",")[0].replace("OpenSSH_", "")
    figures = {"widgets": widgets, "build": build, "openssh": openssh, "sizes": ["80x24", "200x60"]}
    plan = key_plan(word, *((10, 5, 6) if quick else (60, 20, 24)))
    sshd = SSHD()
    try:
        for size in figures["sizes"]:
            cols, rows = (int(x) for x in size.split("x"))
            relay = Relay(sshd.port)
            try:
                log(f"{size}: amowidgets over the link")
                wire = amowidgets_over_link(sshd, relay, amowidgets, catalog, work, cols, rows, plan)
            finally:
                relay.close()
            log(f"{size}: amowidgets on its own pty")
            pty = amowidgets_on_pty(amowidgets, catalog, work, cols, rows, plan)
            relay = Relay(sshd.port)
            try:
                log(f"{size}: htop over the link")
                htop = htop_over_link(sshd, relay, work, cols, rows, len(plan["down"]))
            finally:
                relay.close()
            figures[size] = {"wire": wire, "pty": pty, "htop": htop, "htop_pty": htop_on_pty(work, cols, rows, len(plan["down"]))}
            log(f"{size}: ↓ on the wire {median(wire['down']['total']):.0f} B, pty {median(pty['down']['total']):.0f} B, "
                f"htop wire {median(htop['down']['total']):.0f} B")
        relay = Relay(sshd.port)
        try:
            log("start over the link")
            figures["start_tui"], figures["start_true"] = starts(sshd, relay, amowidgets, work, codes_page_one, 3 if quick else 10)
        finally:
            relay.close()
        figures["cuts"] = {}
        for moment in ("idle", "form", "install"):
            count = 2 if quick else 20
            log(f"link cut while {moment}: {count} runs")
            figures["cuts"][moment] = [cut_run(sshd, amowidgets, moment, work, n) for n in range(count)]
    finally:
        sshd.stop()
    figures["elapsed_s"] = time.monotonic() - began
    with open(os.path.join(work, "figures-ssh.json"), "w") as f:
        json.dump(figures, f, indent=1)
    print(table(figures))
    log(f"raw figures: {os.path.join(work, 'figures-ssh.json')}")
    return figures
