"""A live preview: the timeline re-rendered whenever a project file changes, on 127.0.0.1.

The page is rendered in memory exactly as ``render`` writes it, plus a few lines of script that
ask the server every half second which version of the page is current and reload when it
changes. A file that does not pass ``check`` gives a page listing each problem (file, line,
message) instead of a stale timeline, so an editor sees the mistake where they look.

watchfiles watches the project's settings, sources, events and documents (their folders, so
that editors that save by renaming a new file over the old are seen too). The server is the
standard library's, bound to 127.0.0.1 only: nothing here is meant to be reachable from
another machine.
"""

from __future__ import annotations

import html
import http.server
import threading
from collections.abc import Callable
from pathlib import Path

from chronology.errors import ChronologyError, Problem
from chronology.project import Project, open_project

POLL_MS = 500
VERSION_PATH = "/__version"

_RELOAD = f"""<script>
(function () {{
  var current = null;
  function poll() {{
    fetch("{VERSION_PATH}", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }})
      .then(function (v) {{
        if (current === null) current = v;
        else if (v !== current) {{ location.reload(); return; }}
        setTimeout(poll, {POLL_MS});
      }}, function () {{ setTimeout(poll, {POLL_MS}); }});
  }}
  poll();
}})();
</script>
"""


def problems_page(problems: list[Problem]) -> str:
    """The page shown while the project does not pass check: every problem, escaped."""
    items = "".join(
        f"<li><code>{html.escape(p.path)}{f':{p.line}' if p.line else ''}</code>: "
        f"{html.escape(p.message)}</li>"
        for p in problems
    )
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>Chronology: {count}</title>"
        "<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}"
        "code{font-weight:bold}li{margin:.4rem 0}</style></head><body>"
        f'<h1>Cannot render the timeline: {count}</h1><ul id="problems">{items}</ul>'
        "<p>Fix the files and save: this page reloads by itself.</p></body></html>"
    )


def render_page(project: Project) -> str:
    """The project's timeline page, or the page listing why it cannot be drawn."""
    from chronology.embed import Options, select
    from chronology.html.page import html

    chronology, problems = project.check()
    if problems or chronology is None:
        return problems_page(problems)
    try:
        options = Options()
        return html(select(chronology, options), options)
    except ChronologyError as exc:
        return problems_page(exc.problems or [Problem(str(project.events), 0, 0, str(exc))])


def _inject(page: str) -> bytes:
    at = page.rfind("</body>")
    at = at if at >= 0 else len(page)
    return (page[:at] + _RELOAD + page[at:]).encode("utf-8")


class Preview:
    """The server and the watcher; ``start`` returns at once, ``stop`` ends both cleanly."""

    def __init__(self, project: Project, host: str = "127.0.0.1", port: int = 0) -> None:
        self.project = project
        self.version = 0
        self._page = b""
        self._lock = threading.Lock()
        self._stop = threading.Event()
        preview = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                if path == VERSION_PATH:
                    body, kind = str(preview.version).encode(), "text/plain"
                elif path in ("/", "/index.html", "/timeline.html"):
                    with preview._lock:
                        body, kind = preview._page, "text/html"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", f"{kind}; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        try:
            self._httpd = http.server.ThreadingHTTPServer((host, port), Handler)
        except OSError as exc:
            raise ChronologyError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
        self._httpd.daemon_threads = True
        self._threads: list[threading.Thread] = []
        self._page = _inject(render_page(project))  # once the port is ours

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        return f"http://{name}:{port}/"

    def rebuild(self) -> None:
        """Render again (re-reading chronology.yaml too) and bump the version pages poll."""
        try:
            self.project = open_project(self.project.root).with_paths(
                self.project.events_override, self.project.documents_override
            )
            page = render_page(self.project)
        except ChronologyError as exc:
            page = problems_page(exc.problems or [Problem("chronology.yaml", 0, 0, str(exc))])
        with self._lock:
            self._page = _inject(page)
            self.version += 1

    def _watched(self) -> list[Path]:
        p = self.project
        folders = {p.root, p.events.parent, p.sources.parent, p.documents}
        return sorted(f for f in folders if f.is_dir())

    def _relevant(self, changed: str) -> bool:
        path = Path(changed).resolve()
        p = self.project
        files = {p.config.resolve(), p.events.resolve(), p.sources.resolve()}
        return path in files or p.documents.resolve() in path.parents

    def _watch(self, on_change: Callable[[], None] | None) -> None:
        import watchfiles

        for changes in watchfiles.watch(
            *self._watched(),
            stop_event=self._stop,
            debounce=150,
            step=50,
            recursive=True,
            raise_interrupt=False,
        ):
            if any(self._relevant(path) for _, path in changes):
                self.rebuild()
                if on_change is not None:
                    on_change()

    def start(self, on_change: Callable[[], None] | None = None) -> None:
        serve = threading.Thread(target=self._httpd.serve_forever, args=(0.1,), daemon=True)
        watch = threading.Thread(target=self._watch, args=(on_change,), daemon=True)
        self._threads = [serve, watch]
        for thread in self._threads:
            thread.start()

    def wait(self) -> None:
        """Block until ``stop`` (or Ctrl-C in the calling thread)."""
        while not self._stop.wait(0.2):
            pass

    def stop(self) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)


__all__ = ["Preview", "problems_page", "render_page"]
