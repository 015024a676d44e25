#!/usr/bin/env python3
"""serve_edits.py: save-to-reload latency of `khoa serve`, with where each rebuild spent its time.

Usage: bench/serve_edits.py PROJECT_DIR [EDITS] [KHOA_BIN]

Starts `khoa serve --port 0`, subscribes to the reload events, edits one lesson EDITS times
(default 9), each save after the previous rebuild has finished, and measures from the write to the
next reload event. Prints each latency, their median, the line serve prints for each rebuild (its
own time per phase) and the load average before and after, since the figures mean little on a busy
machine. Stdlib only.
"""

import http.client
import pathlib
import re
import statistics
import subprocess
import sys
import threading
import time


def main() -> None:
    project = pathlib.Path(sys.argv[1]).resolve()
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    khoa = sys.argv[3] if len(sys.argv) > 3 else str(pathlib.Path(__file__).resolve().parents[1] / "target/release/khoa")
    lesson = sorted(project.glob("content/*/*/*.md"))[len(list(project.glob("content/*/*/*.md"))) // 2]
    original = lesson.read_text(encoding="utf-8")
    server = subprocess.Popen([khoa, "serve", "--root", str(project), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = None
        for line in server.stdout:
            match = re.search(r"http://([\d.]+):(\d+)/", line)
            if match:
                url = (match.group(1), int(match.group(2)))
                break
        if url is None:
            sys.exit("serve printed no URL")
        rebuilds = []
        threading.Thread(target=lambda: [rebuilds.append(line.strip()) for line in server.stdout
                                         if line.startswith("Rebuilt")], daemon=True).start()
        print(f"load average before: {open('/proc/loadavg').read().split()[:3]}")
        events = []
        arrived = threading.Condition()

        def listen() -> None:
            connection = http.client.HTTPConnection(*url)
            connection.request("GET", "/__khoa/events")
            response = connection.getresponse()
            while True:
                line = response.fp.readline().decode()
                if line.startswith("data:"):
                    with arrived:
                        events.append((int(line[5:].strip()), time.monotonic()))
                        arrived.notify_all()

        threading.Thread(target=listen, daemon=True).start()
        with arrived:
            arrived.wait_for(lambda: events, timeout=60)
        time.sleep(1.0)
        latencies = []
        done = len(rebuilds)
        for i in range(edits):
            seen = len(events)
            start = time.monotonic()
            lesson.write_text(original + f"\n\nSửa lần {i}.\n", encoding="utf-8")
            with arrived:
                if not arrived.wait_for(lambda: len(events) > seen, timeout=30):
                    sys.exit(f"edit {i}: no reload event within 30 s")
                latency = (events[seen][1] - start) * 1000
            latencies.append(latency)
            print(f"edit {i + 1}: {latency:.0f} ms")
            # Let the rebuild finish (its line printed) before the next save, as an author would.
            deadline = time.monotonic() + 60
            while len(rebuilds) < done + 1 and time.monotonic() < deadline:
                time.sleep(0.05)
            done = len(rebuilds)
            time.sleep(0.5)
        for line in rebuilds:
            print(f"  serve: {line}")
        print(f"load average after: {open('/proc/loadavg').read().split()[:3]}")
        print(f"median save-to-reload: {statistics.median(latencies):.0f} ms over {edits} edits "
              f"({len(list(project.glob('content/**/*.md')))} Markdown files)")
    finally:
        lesson.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
