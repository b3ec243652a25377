"""A story's project: the folder holding ``chronology.yaml``, its documents, sources and events.

Every command works on one project. It is found like git finds a repository: the current folder
or the nearest one above it that has a ``chronology.yaml`` (or the folder given with
``--project``). The settings say where the files are and which words the story uses: its
categories of event and its stances (or none), so no story has to borrow another's labels.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path, PurePosixPath

from chronology import load as loader
from chronology.corpus import Document
from chronology.errors import ChronologyError, Problem
from chronology.files import write_atomic
from chronology.model import Category, Chronology, Settings, Source, Vocabulary, json_schema

CONFIG_FILE = "chronology.yaml"
SCHEMA_FILE = "events.schema.json"

#: The categories a new story starts with: general enough for news, history or an inquiry.
DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category("event", "Event", "something that happened: an incident, a decision, a meeting"),
    Category("statement", "Statement", "what someone said: announcements, claims, denials"),
    Category("publication", "Publication", "reports, articles, leaks and their release"),
    Category("legal", "Legal", "courts, trials, investigations, inquiries"),
    Category("context", "Context", "wider events the sources use as background"),
)


@dataclasses.dataclass(frozen=True)
class Project:
    """A loaded project: where its files are and the vocabulary its data must use."""

    root: Path
    settings: Settings
    #: False for a folder in the old layout (data/events.yaml, seeds/) without chronology.yaml:
    #: its paths are the old defaults and any category or stance is accepted.
    declared: bool = True
    events_override: Path | None = None
    documents_override: Path | None = None

    @property
    def config(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def documents(self) -> Path:
        return self.documents_override or self.root / self.settings.documents

    @property
    def sources(self) -> Path:
        if self.documents_override is not None:  # --seeds: the old layout, sources.yaml inside
            return self.documents_override / loader.SOURCES_FILE
        return self.root / self.settings.sources

    @property
    def events(self) -> Path:
        return self.events_override or self.root / self.settings.events

    @property
    def candidates(self) -> Path:
        return self.root / self.settings.candidates

    @property
    def vocabulary(self) -> Vocabulary | None:
        return self.settings.vocabulary if self.declared else None

    def with_paths(self, events: Path | None, documents: Path | None) -> Project:
        """This project with its events file or documents folder given on the command line."""
        return dataclasses.replace(
            self,
            events_override=events or self.events_override,
            documents_override=documents or self.documents_override,
        )

    @property
    def inputs(self) -> list[Path]:
        """The files and folders commands read: no output may be one of them."""
        return [self.config, self.events, self.sources, self.documents]

    def check(
        self, progress: loader.Progress | None = None
    ) -> tuple[Chronology | None, list[Problem]]:
        """Validate everything in the project against its own vocabulary, drafts included."""
        chronology, problems = loader.check(
            self.events,
            self.documents,
            progress,
            sources_path=self.sources,
            vocabulary=self.vocabulary,
        )
        overridden = self.events_override or self.documents_override  # not the project's own
        drafts_apart = self.candidates.resolve() != self.events.resolve()
        if not overridden and self.candidates.is_file() and drafts_apart:
            _, drafts = loader.check(
                self.candidates,
                self.documents,
                sources_path=self.sources,
                vocabulary=self.vocabulary,
            )
            problems += [p for p in drafts if p.path == str(self.candidates)]
        return chronology, problems

    def documents_to_extract(self) -> tuple[list[Document], list[Problem]]:
        """Every document the sources list, with its sources' spans and publication dates."""
        problems: list[Problem] = []
        sources, texts = loader.load_sources(
            self.documents, problems, sources_path=self.sources, vocabulary=self.vocabulary
        )
        by_document: dict[str, list[Source]] = {}
        for source in sources:
            by_document.setdefault(source.document, []).append(source)
        documents = [
            Document(name, texts[name], sources=tuple(by_document[name]))
            for name in sorted(by_document)
        ]
        return documents, problems

    def load(self, progress: loader.Progress | None = None) -> Chronology:
        """Load the project's chronology, or raise one ChronologyError listing every problem."""
        return loader.load(
            self.events,
            self.documents,
            progress,
            sources_path=self.sources,
            vocabulary=self.vocabulary,
        )


def _display(path: Path) -> Path:
    """A path as users typed it: relative to the current folder when it is under or near it."""
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return path


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder from ``start`` (default: the current one) upward with a settings file."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


#: Where files were before projects had settings; a folder laid out so still works.
OLD_LAYOUT = Settings.model_construct(
    documents="seeds",
    sources="seeds/sources.yaml",
    events="data/events.yaml",
    candidates="candidates.yaml",
    categories=[],
    stances=[],
)


def open_project(folder: Path | None = None, *, old_layout_ok: bool = False) -> Project:
    """The project in ``folder``, or the one found from the current folder upward.

    Without a chronology.yaml, a current folder in the old layout (``data/events.yaml`` or
    ``seeds/``), or ``old_layout_ok`` (paths given explicitly), gives a project with the old
    default paths and no declared vocabulary.
    """
    if folder is not None:
        if not (folder / CONFIG_FILE).is_file():
            raise ChronologyError(
                [Problem(str(folder / CONFIG_FILE), 0, 0, "no such file: not a chronology project")]
            )
        root = folder
    else:
        found = find_root()
        old = Path("data/events.yaml").is_file() or Path("seeds").is_dir()
        if found is None and (old or old_layout_ok):
            return Project(Path("."), OLD_LAYOUT, declared=False)
        if found is None:
            raise ChronologyError(
                [
                    Problem(
                        CONFIG_FILE,
                        0,
                        0,
                        f"not found in {Path.cwd()} or any folder above it: "
                        "start a project with 'chronology init'",
                    )
                ]
            )
        root = _display(found)
    return Project(root, read_settings(root / CONFIG_FILE))


_PATH_SETTINGS = ("documents", "sources", "events", "candidates")


def read_settings(path: Path) -> Settings:
    """Read and validate chronology.yaml; every problem is located to its line."""
    problems: list[Problem] = []
    root = loader.read_yaml(path, problems)
    settings = None
    if not problems:
        settings = loader.validate(Settings, root, str(path), problems)
    if isinstance(settings, Settings):
        for key in _PATH_SETTINGS:
            value = getattr(settings, key)
            pure = PurePosixPath(value.replace("\\", "/"))
            if pure.is_absolute() or ".." in pure.parts or not value.strip() or ":" in value:
                line, col = loader.position(root, (key,))
                problems.append(
                    Problem(
                        str(path),
                        line,
                        col,
                        f"{key}: {value!r} must be a path inside the project folder",
                    )
                )
    if problems or not isinstance(settings, Settings):
        raise ChronologyError(problems)
    return settings


def _settings_text(categories: tuple[Category, ...], stances: tuple[str, ...]) -> str:
    """chronology.yaml as init writes it: the settings, each explained by a comment."""
    lines = [
        "# This story's settings. Paths are relative to this folder.",
        "documents: documents        # the source documents, as UTF-8 text (chronology add)",
        "sources: sources.yaml       # one entry per article (chronology add writes them)",
        "events: events.yaml         # the curated events",
        "candidates: candidates.yaml # drafts from 'chronology draft', until accepted",
        "",
        "# The kinds of event in this story: lanes, legend and filters of the timeline.",
        "# Rename, add or remove them; 'colour' (like \"#1f77b4\") is optional.",
        "categories:",
    ]
    for c in categories:
        lines += [
            f"  - id: {c.id}",
            f"    label: {json.dumps(c.label)}",
            f"    description: {json.dumps(c.description)}",
        ]
        if c.colour:
            lines.append(f'    colour: "{c.colour}"')
    lines += [
        "",
        "# The stances a source may take toward the subject (e.g. [critical, supportive]).",
        "# Leave empty when sources are not sorted by stance.",
        f"stances: [{', '.join(stances)}]",
        "",
    ]
    return "\n".join(lines)


_SOURCES_TEXT = """\
# The articles of this story, one entry each. 'chronology add FILE_OR_URL' writes them;
# fill in what it could not determine (it says what).
sources: []
"""

_EVENTS_TEXT = f"""\
# yaml-language-server: $schema={SCHEMA_FILE}
# The curated events: one per real-world event, one account per source, with the date exactly
# as that source states it. 'chronology draft' proposes them; 'chronology accept' adds them here.
events: []
"""

_README_TEXT = """\
# A chronology project

Next steps, from this folder:

    chronology add article-one.html article-two.pdf https://example.org/story
    chronology draft          # candidate events, one account per source, in candidates.yaml
    chronology accept --all   # or: chronology accept ID ...; then edit events.yaml by hand
    chronology check
    chronology render         # reports/timeline.html
    chronology serve          # live preview while you edit

Categories and stances are set in chronology.yaml. After changing them, run
`chronology schema -o events.schema.json` so your editor completes the new ones.
"""


@dataclasses.dataclass(frozen=True)
class Created:
    """What init wrote, for the command to list."""

    project: Project
    files: tuple[Path, ...]


def init(folder: Path, categories: tuple[Category, ...] = DEFAULT_CATEGORIES) -> Created:
    """Write a new, empty project in ``folder`` (created if needed); never overwrite a file."""
    if folder.exists() and not folder.is_dir():
        raise ChronologyError([Problem(str(folder), 0, 0, "is a file, not a folder")])
    settings_text = _settings_text(categories, ())
    config = folder / CONFIG_FILE
    if config.exists():
        raise ChronologyError(
            [Problem(str(config), 0, 0, "already exists: this folder is a project already")]
        )
    problems: list[Problem] = []
    settings = loader.validate(
        Settings, loader.parse_yaml(settings_text, str(config), problems), str(config), problems
    )
    assert isinstance(settings, Settings) and not problems
    project = Project(folder, settings)
    files: dict[Path, str] = {
        project.config: settings_text,
        project.sources: _SOURCES_TEXT,
        project.events: _EVENTS_TEXT,
        folder / SCHEMA_FILE: json.dumps(json_schema(settings.vocabulary), indent=2) + "\n",
        folder / "README.md": _README_TEXT,
    }
    existing = [p for p in (*files, project.documents) if p.exists()]
    if existing:
        raise ChronologyError(
            [Problem(str(p), 0, 0, "already exists: init never overwrites") for p in existing]
        )
    project.documents.mkdir(parents=True)
    for path, text in files.items():
        write_atomic(path, text)
    return Created(project, (*files, project.documents))


__all__ = [
    "CONFIG_FILE",
    "DEFAULT_CATEGORIES",
    "OLD_LAYOUT",
    "SCHEMA_FILE",
    "Created",
    "Project",
    "find_root",
    "init",
    "open_project",
    "read_settings",
]
