#!/usr/bin/env python3
"""serve_latency.py: time from saving a lesson to the live-reload event of `khoa serve`.

Usage: bench/serve_latency.py PROJECT_DIR [EDITS] [KHOA_BIN]

Starts `khoa serve --port 0` on the project, subscribes to the reload events, then edits one
lesson EDITS times (default 7), each time measuring from the write to the next `build` event.
Prints each edit's latency and the median. Stdlib only.
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
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 7
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
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
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
            time.sleep(0.8)
        print(f"median save-to-reload: {statistics.median(latencies):.0f} ms over {edits} edits "
              f"({len(list(project.glob('content/**/*.md')))} Markdown files)")
    finally:
        lesson.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
