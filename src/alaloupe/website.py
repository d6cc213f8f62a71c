"""An offline HTML rendering of the course: every lesson executed and rendered with nbconvert, plus an index.

    python -m alaloupe.website [OUT]        # what `make site` runs; OUT defaults to site/

The site keeps the repository's layout: site/notebooks/NN_topic.html for the lessons (executed top to bottom in a
fresh kernel, as a student would), site/exercises/NN_topic/NN_topic.html for the released exercises (not executed:
they are what students receive), site/index.html for the course map. A relative link in a lesson to another
notebook points to its page; a link to any other file of the kit (data/article.txt, …) gets a copy of that file.

The pages work offline: the CSS is inlined, plots are embedded PNGs, and nbconvert's CDN scripts (require.js,
MathJax, Mermaid, the widget manager) are left out. The lessons use no LaTeX; if one ever does, its formulas show
as TeX source.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jinja2 import DictLoader
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from alaloupe.paths import repo_root

# nbconvert's "lab" template without its CDN scripts, with a navigation bar above and below each page.
TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block body_header -%}{{ super() }}{{ resources.alaloupe_nav }}{%- endblock body_header -%}
{%- block body_footer -%}{{ resources.alaloupe_nav }}{{ super() }}{%- endblock body_footer -%}
"""
NAV_STYLE = (
    "<style>.alaloupe-nav{font-family:sans-serif;font-size:14px;max-width:1100px;margin:0 auto;padding:10px 20px;"
    "display:flex;gap:1.5em;border-bottom:1px solid #ddd}.alaloupe-nav a{color:#1a5fb4;text-decoration:none}</style>"
)
# <a href="…"> and the src/href of <script> and <link> tags: what the link check and the offline check read.
ANCHOR_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")', re.IGNORECASE)
EXTERNAL_ASSET = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="(?:https?:)?//[^"]*"', re.IGNORECASE)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    """One notebook of the kit and its page in the site; paths are relative to the kit's root."""

    notebook: Path
    title: str
    execute: bool

    @property
    def html(self) -> Path:
        return self.notebook.with_suffix(".html")


@dataclass(frozen=True)
class Site:
    out: Path
    pages: tuple[Page, ...]
    copied: tuple[Path, ...]  # other files of the kit that the pages link to
    broken: tuple[str, ...]  # "page: href" for every relative link that leads nowhere
    seconds: float


def title_of(notebook: nbformat.NotebookNode, fallback: str) -> str:
    """The notebook's first level-1 heading, without markdown emphasis."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return re.sub(r"[*_`]", "", line[2:]).strip()
    return fallback


def pages(root: Path) -> list[Page]:
    """The lessons (executed) then the released exercises (as released), in course order."""
    found = []
    for pattern, execute in (("notebooks/[0-9][0-9]_*.ipynb", True), ("exercises/[0-9][0-9]_*/*.ipynb", False)):
        for path in sorted(root.glob(pattern)):
            notebook = nbformat.read(path, as_version=4)
            found.append(Page(path.relative_to(root), title_of(notebook, path.stem), execute))
    return found


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def _nav(page: Page, lessons: list[Page]) -> str:
    here = page.html.parent
    links = [f'<a data-site href="{_relative(Path("index.html"), here)}">Course index</a>']
    if page in lessons:
        position = lessons.index(page)
        if position > 0:
            previous = lessons[position - 1]
            links.append(f'<a data-site href="{_relative(previous.html, here)}">← {html.escape(previous.title)}</a>')
        if position + 1 < len(lessons):
            following = lessons[position + 1]
            links.append(f'<a data-site href="{_relative(following.html, here)}">{html.escape(following.title)} →</a>')
    return NAV_STYLE + '<nav class="alaloupe-nav">' + " ".join(links) + "</nav>"


def _exporter() -> HTMLExporter:
    return HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"alaloupe.html.j2": TEMPLATE})],
        template_file="alaloupe.html.j2",
    )


def _rewrite_links(text: str, page: Page, root: Path, out: Path, rendered: set[Path]) -> tuple[str, set, list]:
    """Point links to rendered notebooks at their pages and copy other linked files of the kit into the site."""
    copied, broken = set(), []

    def rewrite(match: re.Match) -> str:
        href = html.unescape(match.group(2))
        if "data-site" in match.group(1):  # the site's own navigation, already relative to the page
            return match.group(0)
        if not href or href.startswith(("#", "/")) or SCHEME.match(href):
            return match.group(0)
        path, _, fragment = href.partition("#")
        target = Path(os.path.normpath(page.notebook.parent / path))
        if target.suffix == ".ipynb" and target in rendered:
            new = _relative(target.with_suffix(".html"), page.html.parent) + (f"#{fragment}" if fragment else "")
            return match.group(1) + html.escape(new) + match.group(3)
        source = root / target
        if not target.parts or target.parts[0] == ".." or not source.is_file():
            broken.append(f"{page.notebook}: {href}")
            return match.group(0)
        (out / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, out / target)
        copied.add(target)
        return match.group(0)

    return ANCHOR_HREF.sub(rewrite, text), copied, broken


def _index(lessons: list[Page], exercises: list[Page]) -> str:
    by_module = {p.notebook.parent.name: p for p in exercises}
    rows = []
    for lesson in lessons:
        exercise = by_module.get(lesson.notebook.stem)
        exercise_link = f'<a href="{exercise.html.as_posix()}">exercise</a>' if exercise else ""
        rows.append(
            f"<tr><td>{lesson.notebook.stem[:2]}</td>"
            f'<td><a href="{lesson.html.as_posix()}">{html.escape(lesson.title)}</a></td><td>{exercise_link}</td></tr>'
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>alaloupe — French NLP and source criticism, à la loupe</title>
<style>
body {{ font-family: sans-serif; max-width: 900px; margin: 2em auto; padding: 0 1em; line-height: 1.5; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ padding: 6px 10px; border-bottom: 1px solid #ddd; }}
a {{ color: #1a5fb4; }}
</style></head>
<body>
<h1>alaloupe — French NLP and source criticism, <em>à la loupe</em></h1>
<p>The course's lessons, executed top to bottom with the kit's pinned French model, and the exercises as students
receive them. This rendering is for reading; to run the code and do the exercises, open the kit in JupyterLab
(<code>make lab</code>) or on Binder.</p>
<table>
<thead><tr><th>module</th><th>lesson</th><th>exercise</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</body>
</html>
"""


MARKER = ".alaloupe-site"  # left in every folder build() creates: the only folders it will ever delete


def _clear(out: Path) -> None:
    """Make `out` an empty folder marked as ours; refuse to delete a folder that build() did not create."""
    if out.exists():
        if not out.is_dir():
            raise FileExistsError(f"{out} is a file: choose a folder for the site")
        if any(out.iterdir()):
            if not (out / MARKER).is_file():
                raise FileExistsError(f"{out} holds files that build() did not write: choose another folder")
            shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("Written by `make site` (alaloupe.website); rebuilt from scratch each time.\n")


def build(out: Path, root: Path | None = None, *, timeout: int = 600, log=print) -> Site:
    """Execute every lesson, render it and every released exercise into `out`, and write `out`/index.html."""
    started = time.perf_counter()
    root = (root or repo_root()).resolve()
    out = Path(out).resolve()
    found = pages(root)
    lessons = [p for p in found if p.execute]
    if not lessons:
        raise FileNotFoundError(f"No lessons in {root / 'notebooks'}")
    _clear(out)
    exporter = _exporter()
    # Kernels plot with their inline backend, whatever the caller set (the tests set MPLBACKEND=Agg).
    kernel_env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    rendered = {p.notebook for p in found}
    copied, broken = set(), []
    for page in found:
        notebook = nbformat.read(root / page.notebook, as_version=4)
        if page.execute:
            log(f"executing {page.notebook}")
            folder = root / page.notebook.parent
            NotebookClient(
                notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
            ).execute(env=kernel_env)
        body, _ = exporter.from_notebook_node(
            notebook, resources={"metadata": {"name": page.title}, "alaloupe_nav": _nav(page, lessons)}
        )
        body, linked, dead = _rewrite_links(body, page, root, out, rendered)
        external = EXTERNAL_ASSET.findall(body)
        if external:
            raise RuntimeError(f"{page.notebook}: the page would load scripts or styles online: {external}")
        copied |= linked
        broken += dead
        (out / page.html).parent.mkdir(parents=True, exist_ok=True)
        (out / page.html).write_text(body, encoding="utf-8")
        log(f"wrote {out / page.html}")
    (out / "index.html").write_text(_index(lessons, [p for p in found if not p.execute]), encoding="utf-8")
    return Site(out, tuple(found), tuple(sorted(copied)), tuple(broken), time.perf_counter() - started)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the executed lessons and the exercises as an offline site.")
    parser.add_argument("out", nargs="?", default="site", help="output folder (default: site)")
    args = parser.parse_args(argv)
    site = build(Path(args.out))
    print(f"{len(site.pages)} pages and {len(site.copied)} linked files in {site.out} ({site.seconds:.0f} s)")
    print(f"open {site.out / 'index.html'}")
    for link in site.broken:
        print(f"broken link: {link}", file=sys.stderr)
    return 1 if site.broken else 0


if __name__ == "__main__":
    sys.exit(main())
