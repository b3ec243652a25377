"""Register documents: saved web pages, URLs, PDFs and text files become sources.

Each document's text is stored in the project's documents folder as UTF-8: those are the bytes
every quote is verified against, so they are written once and never rewritten. Its metadata
(title, authors, outlet, publication date, address) goes into sources.yaml through a round trip
that keeps the editor's comments and order. What could not be determined is listed for the
editor to fill in, never guessed.

A batch is all or nothing: every input is read and checked before anything is written, so a bad
file among good ones changes no file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import re
import unicodedata
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from chronology import load as loader
from chronology.errors import ChronologyError, Problem
from chronology.files import write_atomic
from chronology.languages.detect import language_of
from chronology.model import Source
from chronology.project import Project

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)
TEXT_SUFFIXES = (".txt", ".md")
FETCH_TIMEOUT = 20.0
MAX_BYTES = 50_000_000
MIN_WORDS = 10
TITLE_LIMIT = 120  # characters of a plain file's first line taken as its title
_AGENT = "chronology (+https://pypi.org/project/chronology/)"


@dataclasses.dataclass(frozen=True)
class Document:
    """A document's text and what its file says about it (None: not found)."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


@dataclasses.dataclass(frozen=True)
class Added:
    """One registered document: its source entry and what the editor must still fill in."""

    origin: str
    source: Source | None
    document: str
    missing: tuple[str, ...]


def normalise(text: str) -> str:
    """The stored form of a text: NFC, LF line ends, no trailing spaces, one final newline."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def _fail(origin: str, message: str) -> ChronologyError:
    return ChronologyError([Problem(origin, 0, 0, message)])


def _web(value: str | None) -> str | None:
    return value if value and re.match(r"^https?://[^\s/]+", value, re.IGNORECASE) else None


def read_html(data: bytes, origin: str, url: str | None = None) -> Document:
    """The main text and metadata of a web page (trafilatura), its date by htmldate."""
    import trafilatura
    from trafilatura.utils import decode_file

    html = decode_file(data)  # the page's own charset (a saved page is not always UTF-8)
    found = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (getattr(found, "text", None) or "").strip()
    if len(text.split()) < MIN_WORDS:  # a menu or a cookie notice is not an article
        raise _fail(origin, "no article text found in this page")
    authors = tuple(
        a.strip() for a in re.split(r";|\band\b", getattr(found, "author", None) or "") if a.strip()
    )
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return Document(
        text=normalise("\n\n".join(paragraphs)),  # a blank line between paragraphs, as in seeds/
        title=getattr(found, "title", None) or None,
        authors=authors,
        outlet=getattr(found, "sitename", None) or None,
        published=publication_date(html),
        url=_web(url) or _web(getattr(found, "url", None)),
    )


_DATE_TEXT = re.compile(
    r"<time\b[^>]*>(?P<time>[^<]{4,60})</time>"
    r"|(?:published|posted|updated)\s*(?:on|:)?\s*(?P<said>[^<\n]{4,40})",
    re.IGNORECASE,
)


def publication_date(html: str) -> str | None:
    """The page's publication date (YYYY-MM-DD): htmldate, else dateparser on its date text."""
    import htmldate

    try:
        found = htmldate.find_date(html, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        found = None
    if found:
        return str(found)
    import dateparser

    for m in _DATE_TEXT.finditer(html):
        said = (m.group("time") or m.group("said") or "").strip()
        parsed = dateparser.parse(said, settings={"STRICT_PARSING": True})
        if parsed is not None:
            return str(parsed.date().isoformat())
    return None


def read_pdf(data: bytes, origin: str, url: str | None = None) -> Document:
    """The text layer of a PDF (pypdf) and its document information."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _fail(origin, "the PDF is encrypted: save an unlocked copy first")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise _fail(origin, f"not a readable PDF ({exc})") from None
    text = "\n\n".join(unwrap(p) for p in pages if p.strip())
    if not text.strip():
        raise _fail(origin, "the PDF has no text layer (a scan?): run OCR on it first")
    published = None
    created = getattr(info, "creation_date", None) if info is not None else None
    if isinstance(created, dt.datetime):
        published = created.date().isoformat()
    author = str((info.author if info is not None else None) or "")
    title = str((info.title if info is not None else None) or "").strip()
    return Document(
        text=normalise(text),
        title=title or None,
        authors=tuple(a.strip() for a in re.split(r";|,", author) if a.strip()),
        published=published,
        url=_web(url),
    )


_LINE_END = re.compile(r"[.!?:;\"”’)\]]\s*$")


def unwrap(page: str) -> str:
    """A PDF page's lines joined into paragraphs.

    A PDF breaks lines where the layout did, mid-sentence; the extractor reads a line break as
    the end of a sentence, so a line that does not end like a sentence is joined to the next.
    """
    out: list[str] = []
    for line in (raw.strip() for raw in page.splitlines()):
        if not line:
            continue
        if out and not _LINE_END.search(out[-1]):
            out[-1] += " " + line
        else:
            out.append(line)
    return "\n".join(out)


def read_plain(data: bytes, origin: str) -> Document:
    """A .txt or .md file as it is (UTF-8 text)."""
    if b"\0" in data:
        raise _fail(origin, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ChronologyError(
            [Problem(origin, line, 0, f"not UTF-8 text (byte {data[exc.start]:#04x})")]
        ) from None
    if not text.strip():
        raise _fail(origin, "empty file: nothing to add")
    first = next(line for line in text.splitlines() if line.strip())
    return Document(text=normalise(text), title=plain_title(first))


def plain_title(line: str, limit: int = TITLE_LIMIT) -> str | None:
    """A plain file's title: its first line when it is a headline, else that line's first
    sentence, cut at a word when even that runs on (a text with no headline must not give a
    paragraph-long title)."""
    line = line.strip().lstrip("#").strip()
    if len(line) > limit:
        line = re.split(r"(?<=[.!?])\s+", line, maxsplit=1)[0]
    if len(line) > limit:
        line = line[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return line or None


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) addresses only (urllib would also follow one to ftp:)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not re.match(r"^https?://", newurl, re.IGNORECASE):
            raise urllib.error.URLError(f"redirected to {newurl!r}, not an http(s) address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, timeout: float = FETCH_TIMEOUT) -> tuple[bytes, str]:
    """GET an http(s) address: (body, content type). One-line errors, never a traceback."""
    if not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        raise _fail(url, "only http:// and https:// addresses can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": _AGENT})
    opener = urllib.request.build_opener(_WebOnlyRedirects)
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
            kind = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise _fail(url, f"cannot fetch: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise _fail(url, f"cannot fetch: {exc.reason}") from None
    except (TimeoutError, OSError) as exc:
        raise _fail(url, f"cannot fetch: {exc}") from None
    if len(body) > MAX_BYTES:
        raise _fail(url, f"larger than {MAX_BYTES // 1_000_000} MB")
    return body, kind


def read(origin: str) -> Document:
    """Read one input, a path or an http(s) address, into a Document."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", origin, re.IGNORECASE):
        data, kind = fetch(origin)
        if not data.strip():
            raise _fail(origin, "empty response: nothing to add")
        if kind == "application/pdf" or data.startswith(b"%PDF-"):
            return read_pdf(data, origin, origin)
        if kind in ("text/plain", "text/markdown"):
            return dataclasses.replace(read_plain(data, origin), url=origin)
        return read_html(data, origin, origin)
    path = Path(origin)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _fail(origin, "no such file") from None
    except IsADirectoryError:
        raise _fail(origin, "is a folder, not a file") from None
    except OSError as exc:
        raise _fail(origin, f"cannot read: {exc.strerror}") from None
    if not data.strip():
        raise _fail(origin, "empty file: nothing to add")
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        if b"\0" in data:
            raise _fail(origin, "binary file, not a web page")
        return read_html(data, origin)
    if suffix in PDF_SUFFIXES:
        return read_pdf(data, origin)
    if suffix in TEXT_SUFFIXES:
        return read_plain(data, origin)
    kinds = ", ".join((*HTML_SUFFIXES, *PDF_SUFFIXES, *TEXT_SUFFIXES))
    raise _fail(origin, f"cannot add a {suffix or 'suffix-less'} file: add one of {kinds}")


def slug(text: str, words: int = 6) -> str:
    """A short id from a title: lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(parts[:words]) or "source"


def _fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _entry(doc: Document, source_id: str, name: str) -> tuple[CommentedMap, list[str]]:
    """The sources.yaml entry for a document, and the fields left for the editor."""
    entry = CommentedMap()
    missing = []
    entry["id"] = source_id
    entry["document"] = name
    if doc.title:
        entry["title"] = doc.title
    else:
        missing.append("title")
    if doc.authors:
        entry["authors"] = CommentedSeq(doc.authors)
        entry["authors"].fa.set_flow_style()
    else:
        missing.append("authors")
    outlet = doc.outlet
    if outlet:
        entry["outlet"] = outlet
    else:
        missing.append("outlet")
    if doc.url:
        entry["url"] = doc.url
    else:
        missing.append("url")
    if doc.published:
        entry["published"] = DoubleQuotedScalarString(doc.published)
    else:
        missing.append("published")
    # written down, so the editor sees (and can correct) the language its dates are read in
    language = language_of(doc.text)
    if language:
        entry["language"] = language
    else:
        missing.append("language")
    return entry, missing


def add(project: Project, origins: list[str]) -> list[Added]:
    """Register documents in the project; all or nothing, refusing a text already there."""
    problems: list[Problem] = []
    sources_root = loader.load_round_trip(project.sources)
    if sources_root is None:
        sources_root = CommentedMap()
    if not isinstance(sources_root, CommentedMap):
        raise ChronologyError([Problem(str(project.sources), 1, 1, "expected 'sources:' list")])
    entries = sources_root.setdefault("sources", CommentedSeq())
    if not isinstance(entries, CommentedSeq):
        raise ChronologyError([Problem(str(project.sources), 1, 1, "'sources' must be a list")])
    ids = {str(e.get("id")) for e in entries if isinstance(e, CommentedMap)}
    names = {str(e.get("document")) for e in entries if isinstance(e, CommentedMap)}
    known: dict[str, str] = {}
    for e in entries:
        if not isinstance(e, CommentedMap) or not isinstance(e.get("document"), str):
            continue
        path = project.documents / e["document"]
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            known.setdefault(_fingerprint(text), str(e.get("id")))
    taken = {p.name for p in project.documents.iterdir()} if project.documents.is_dir() else set()

    planned: list[tuple[Added, CommentedMap, str]] = []
    for origin in origins:
        try:
            doc = read(origin)
        except ChronologyError as exc:
            problems.extend(exc.problems)
            continue
        print_ = _fingerprint(doc.text)
        if print_ in known:
            problems.append(
                Problem(origin, 0, 0, f"already added: the same text as source '{known[print_]}'")
            )
            continue
        # the outlet names a source best in events.yaml ('source: valley-courier')
        base = slug(doc.outlet, 3) if doc.outlet else slug(doc.title or Path(origin).stem, 4)
        source_id, n = base, 2
        while source_id in ids or f"{source_id}.txt" in names | taken:
            source_id, n = f"{base}-{n}", n + 1
        name = f"{source_id}.txt"
        ids.add(source_id)
        names.add(name)
        known[print_] = source_id
        entry, missing = _entry(doc, source_id, name)
        if project.vocabulary is not None and project.vocabulary.stances:
            missing.append("stance")
        source = _validated(entry, project)
        planned.append((Added(origin, source, name, tuple(missing)), entry, doc.text))
    if problems:
        raise ChronologyError(problems)
    project.documents.mkdir(parents=True, exist_ok=True)
    for added, entry, text in planned:
        write_atomic(project.documents / added.document, text)
        entries.append(entry)
    if planned:
        if entries.fa.flow_style():
            entries.fa.set_block_style()
        loader.save_round_trip(sources_root, project.sources)
    return [added for added, _, _ in planned]


def _validated(entry: CommentedMap, project: Project) -> Source | None:
    """The entry as a Source when it is complete (None while the editor must fill it in)."""
    data: dict[str, Any] = dict(entry)
    try:
        return Source.model_validate(data, context={"vocabulary": project.vocabulary})
    except ValueError:
        return None


__all__ = [
    "Added",
    "Document",
    "add",
    "fetch",
    "normalise",
    "publication_date",
    "read",
    "read_html",
    "read_pdf",
    "read_plain",
    "slug",
]
