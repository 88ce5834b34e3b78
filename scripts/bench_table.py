"""The one table scripts/bench prints: figure, baseline, ratio, target (from the figures dict)."""


def _median(values):
    values = sorted(values)
    if not values:
        return float("nan")
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def _p99(values):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, -(-99 * len(values) // 100) - 1))] if values else float("nan")


def table(f):
    rows = []  # (measure, figure, baseline, ratio, target)

    def add(measure, figure, baseline="", ratio="", target=""):
        rows.append((measure, figure, baseline, ratio, target))

    tui = f.get("tui")
    if tui:
        repaint = _median(tui["repaint"])
        base = f"full repaint {repaint:,.0f} B"
        for name, key, n in (("↓", "down", "down"), ("PgDn", "pgdn", "pgdn"), ("filter key", "filter", "filter")):
            frame, total = _median(tui[f"{key}_frame"]), _median(tui[f"{key}_total"])
            add(f"bytes per {name} (n={len(tui[f'{key}_frame'])}): frame / with detail pane",
                f"{frame:,.0f} / {total:,.0f} B (p99 {_p99(tui[f'{key}_total']):,.0f})", base,
                f"{100 * frame / repaint:.1f}% / {100 * total / repaint:.1f}%", "↓ ≤ 5%" if key == "down" else "")
    else:
        add("bytes per key (pty)", "n/a: no --sandbox-catalog in this build")
    keys = f["keys"]
    for name, key in (("↓", "down_us"), ("PgDn", "pagedown_us"), ("filter key", "filter_us")):
        s = keys[key]
        add(f"CPU per {name}: update+view+diff (n={s['n']:.0f})", f"{s['median']:,.0f} µs (p99 {s['p99']:,.0f})",
            "", "", "≤ 1,000 µs median")
    client, curl = _median(f["load_client"]), _median(f["load_curl"])
    add(f"load {f['pages']} pages unpaced, AmoClient (n={len(f['load_client'])})", f"{client * 1000:,.0f} ms",
        f"one curl, keep-alive {curl * 1000:,.0f} ms", f"{client / curl:.2f}×", "≤ 1.3×")
    paced = f["load_paced"]
    floor = f["pages"] / 7
    add(f"load {paced['pages']} pages paced 7/s (429 waits: {paced['waits']})", f"{paced['seconds']:,.2f} s",
        f"floor {f['pages']}/7 = {floor:.2f} s", f"{paced['seconds'] / floor:.2f}×", "≤ 1.05×")
    d = f["decode"]
    add(f"decode, {d['widgets_per_page']} widgets a page ({d['bytes_per_page']:,} B)",
        f"{d['pages_per_second']:,.0f} pages/s ({d['median_us']:,.0f} µs a page, p99 {d['p99_us']:,.0f})")
    if "start" in f:
        add(f"start → first rows on the pty (n={len(f['start'])})",
            f"{_median(f['start']) * 1000:,.0f} ms (max {max(f['start']) * 1000:,.0f})", "", "", "≤ 300 ms")
    if tui:
        cpu = tui["idle_cpu_s"]
        add(f"idle {tui['idle_s']} s after loading: CPU", f"{cpu * 1000:,.0f} ms = {100 * cpu / tui['idle_s']:.2f}%",
            "", "", "0.0%")
        add("idle: wake-ups (voluntary ctx switches) / bytes written",
            f"{tui['idle_wakeups']} / {tui['idle_bytes']} B")
        add(f"peak RSS (VmHWM), {tui['widgets']:,} widgets loaded", f"{tui['peak_rss_kb'] / 1024:,.1f} MB",
            "", "", "≤ 60 MB")
        add("catalogue load inside the TUI (rate limit on)", f"{tui['load_in_tui_s']:,.2f} s")
    alone = f.get("tui_alone")
    if alone:
        cpu = alone["idle_cpu_s"]
        add(f"TUI alone, sandbox in another process: idle {alone['idle_s']} s CPU",
            f"{cpu * 1000:,.0f} ms = {100 * cpu / alone['idle_s']:.2f}%", "", "", "0.0%")
        add("TUI alone: idle wake-ups / bytes written", f"{alone['idle_wakeups']} / {alone['idle_bytes']} B")
        add(f"TUI alone: peak RSS (VmHWM), {alone['widgets']:,} widgets loaded", f"{alone['peak_rss_kb'] / 1024:,.1f} MB")

    head = ("measure", "figure", "baseline", "ratio", "target")
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(5)]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    out = [f"amowidgets bench: {f['widgets']:,} widgets, 200x60, {f['build']} build, {f['elapsed_s']:.0f} s",
           line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    return "\n".join(out)
