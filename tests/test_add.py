"""`chronology add`: web pages, URLs, PDFs and text files become sources, all or nothing."""

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfWriter

from chronology.add import normalise, publication_date, unwrap

STORY = Path(__file__).parent / "data" / "story"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def project(run, tmp_path, monkeypatch) -> Path:
    """A new, empty project as the current folder."""
    folder = tmp_path / "story"
    assert run("init", folder).exit_code == 0
    monkeypatch.chdir(folder)
    return folder


def pdf_with_text(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds these lines (Helvetica), with title and author."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*"
        for line in lines
    )
    content += " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Title (Inquiry report on the Ridgeford dam) /Author (Regional Government) "
        "/CreationDate (D:20210401120000Z) >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return out


def test_a_saved_web_page_becomes_a_source_with_its_metadata(run, project):
    before = (project / "sources.yaml").read_text()
    result = run("add", STORY / "valley-courier.html")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"added {STORY / 'valley-courier.html'} as source 'valley-courier' "
        "(documents/valley-courier.txt)\n"
    )
    assert (project / "sources.yaml").read_text() == before.replace(
        "sources: []\n",
        "sources:\n"
        "  - id: valley-courier\n"
        "    document: valley-courier.txt\n"
        "    title: Dam collapse kills 14 in Ridgeford\n"
        "    authors: [Maria Lopez]\n"
        "    outlet: Valley Courier\n"
        "    url: https://valley-courier.example/2021/03/04/ridgeford-dam\n"
        '    published: "2021-03-04"\n'
        "    language: en\n",
    )
    text = (project / "documents" / "valley-courier.txt").read_text(encoding="utf-8")
    assert "The Ridgeford dam collapsed on March 2, 2021, killing 14 people" in text
    assert "Most read" not in text and "All rights reserved" not in text  # only the article
    assert run("check").exit_code == 0


def test_the_date_falls_back_to_the_pages_own_date_text(run, project):
    # the Herald has no date metadata: only "Published <time>5 March 2021</time>"
    assert run("add", STORY / "ridgeford-herald.html").exit_code == 0
    assert 'published: "2021-03-05"' in (project / "sources.yaml").read_text()


def test_comments_and_order_in_sources_yaml_are_kept(run, project):
    run("add", STORY / "valley-courier.html")
    sources = project / "sources.yaml"
    edited = sources.read_text().replace(
        "  - id: valley-courier\n", "  # the first article we found\n  - id: valley-courier\n"
    )
    sources.write_text(edited)
    assert run("add", STORY / "ridgeford-herald.html").exit_code == 0
    after = sources.read_text()
    assert after.startswith(edited)
    assert after[len(edited) :].startswith("  - id: ridgeford-herald\n")


def test_text_files_are_kept_as_they_are_and_missing_fields_are_listed(run, project):
    note = project.parent / "notes.md"
    note.write_text("# Notes from the town hall\n\nThe mayor spoke on 4 March 2021.\n")
    result = run("add", note)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "  not found, fill in sources.yaml: authors, outlet, url, published"
    )
    stored = (project / "documents" / "notes-from-the-town.txt").read_bytes()
    assert stored == note.read_bytes()
    result = run("check")
    assert result.exit_code == 1
    assert "missing field 'outlet'" in result.stderr


def test_a_pdf_text_layer_and_its_metadata(run, project):
    pdf = project.parent / "inquiry.pdf"
    pdf.write_bytes(
        pdf_with_text(["The inquiry opened on March 17, 2021.", "It heard 40 witnesses."])
    )
    result = run("add", pdf)
    assert result.exit_code == 0, result.output
    sources = (project / "sources.yaml").read_text()
    assert "title: Inquiry report on the Ridgeford dam\n" in sources
    assert "authors: [Regional Government]\n" in sources
    assert 'published: "2021-04-01"\n' in sources
    text = (project / "documents" / "inquiry-report-on-the.txt").read_text()
    assert text == "The inquiry opened on March 17, 2021.\nIt heard 40 witnesses.\n"


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/elsewhere":
            self.send_response(302)
            self.send_header("Location", "ftp://example.org/dam.html")
            self.end_headers()
            return
        if self.path != "/dam":
            self.send_error(404)
            return
        body = (STORY / "valley-courier.html").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_url_is_fetched_and_kept_as_the_sources_url(run, project, server):
    result = run("add", f"{server}/dam")
    assert result.exit_code == 0, result.output
    sources = (project / "sources.yaml").read_text()
    assert f"    url: {server}/dam\n" in sources  # the address it was read from
    assert (project / "documents" / "valley-courier.txt").is_file()


def test_normalise_gives_one_form_per_text():
    assert normalise("a  \r\nb\r\n\r\n") == "a\nb\n"
    assert normalise("Cafe\u0301") == "Caf\u00e9\n"


def bad_inputs(tmp: Path, server: str) -> dict[str, tuple[str, str]]:
    (tmp / "binary.txt").write_bytes(b"GIF89a\x00\x01\x02")
    (tmp / "empty.html").write_bytes(b"")
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    with (tmp / "scan.pdf").open("wb") as handle:
        writer.write(handle)
    (tmp / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (tmp / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    return {
        "binary": (str(tmp / "binary.txt"), "binary file, not text"),
        "empty": (str(tmp / "empty.html"), "empty file: nothing to add"),
        "no text layer": (
            str(tmp / "scan.pdf"),
            "the PDF has no text layer (a scan?): run OCR on it first",
        ),
        "no article": (str(tmp / "menu.html"), "no article text found in this page"),
        "unreachable": (f"{server}/gone", "cannot fetch: HTTP 404 Not Found"),
        "refused": ("http://127.0.0.1:9/", "cannot fetch: [Errno 111] Connection refused"),
        "redirect": (
            f"{server}/elsewhere",
            "cannot fetch: redirected to 'ftp://example.org/dam.html', not an http(s) address",
        ),
        "not http": (
            "ftp://example.org/a.txt",
            "only http:// and https:// addresses can be fetched",
        ),
        "kind": (
            str(tmp / "sheet.xlsx"),
            "cannot add a .xlsx file: add one of .html, .htm, .xhtml, .pdf, .txt, .md",
        ),
        "missing": (str(tmp / "nope.html"), "no such file"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "binary",
        "empty",
        "no text layer",
        "no article",
        "unreachable",
        "refused",
        "redirect",
        "not http",
        "kind",
        "missing",
    ],
)
def test_bad_input_is_one_line_and_changes_no_file(run, project, server, case):
    origin, message = bad_inputs(project.parent, server)[case]
    before = snapshot(project)
    # a good file in the same batch is not added either: all or nothing
    result = run("add", STORY / "valley-courier.html", origin)
    assert result.exit_code == 1
    assert result.stderr == f"{origin}: {message}\n"
    assert snapshot(project) == before


def test_the_same_text_twice_is_refused_naming_the_source(run, project):
    assert run("add", STORY / "valley-courier.html").exit_code == 0
    before = snapshot(project)
    copy = project.parent / "copy.html"
    copy.write_bytes((STORY / "valley-courier.html").read_bytes().replace(b"<nav>", b"<nav> "))
    result = run("add", copy)
    assert result.exit_code == 1
    assert result.stderr == f"{copy}: already added: the same text as source 'valley-courier'\n"
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ('<meta property="article:published_time" content="2021-03-04T07:30:00Z">', "2021-03-04"),
        ("<p>Published: 5 March 2021</p>", "2021-03-05"),  # htmldate finds none: dateparser
        ("<p>Posted on Friday, March 5th, 2021 at 9:00</p>", "2021-03-05"),
        ("<p>No date here at all.</p>", None),
    ],
)
def test_the_publication_date_of_a_page(page, expected):
    assert publication_date(f"<html><head></head><body>{page}</body></html>") == expected


def test_pdf_lines_broken_by_the_layout_are_joined():
    assert unwrap(
        "The inquiry opened on March 17,\n2021, in Ridgeford.\nIt heard\n40 witnesses."
    ) == ("The inquiry opened on March 17, 2021, in Ridgeford.\nIt heard 40 witnesses.")


def test_a_page_in_another_charset_is_stored_as_utf8(run, project):
    page = project.parent / "barrage.html"
    page.write_bytes(
        (
            '<html><head><meta charset="windows-1252"><title>Barrage effondré</title></head>'
            "<body><article><p>Le barrage s’est effondré le 2 mars 2021 à Ridgeford, selon les "
            "pompiers de la région et la police locale.</p></article></body></html>"
        ).encode("cp1252")
    )
    assert run("add", page).exit_code == 0
    assert "    language: fr\n" in (project / "sources.yaml").read_text()  # detected
    text = (project / "documents" / "barrage-effondre.txt").read_bytes().decode("utf-8")
    assert text == (
        "Le barrage s’est effondré le 2 mars 2021 à Ridgeford, selon les pompiers de la région "
        "et la police locale.\n"
    )


def test_a_plain_text_without_headline_is_titled_by_its_first_sentence(run, project):
    article = project.parent / "article.txt"
    article.write_text(
        "Le groupe s'est installé à Auvers-sur-Oise en juin 1981, après sa rupture avec le "
        "régime et la fuite de ses dirigeants hors du pays. Deux ans plus tard, en 1983, il "
        "comptait des centaines de militants en France.\n",
        encoding="utf-8",
    )
    assert run("add", article).exit_code == 0
    sources = (project / "sources.yaml").read_text()
    assert (
        "    title: Le groupe s'est installé à Auvers-sur-Oise en juin 1981, après sa rupture "
        "avec le régime et la fuite de ses dirigeants…\n"
    ) in sources
    assert "    language: fr\n" in sources
