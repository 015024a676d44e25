#!/usr/bin/env python3
"""gen_hugo.py: the same course as a Hugo site, for bench/compare.py.

Usage: bench/gen_hugo.py KHOA_PROJECT HUGO_SITE

Copies KHOA_PROJECT/content/ (lessons, module `_index.md` files, images) into HUGO_SITE/content/
unchanged (the YAML front matter and Markdown read the same in Hugo) and writes a small theme doing
what khoa's pages do: a lesson page with its course and module, a table of contents, the module's
lessons, previous/next links and syntax highlighting with CSS classes (Chroma, like khoa's short
classes); section and home pages listing their pages. Taxonomies and RSS are off (khoa has
neither), which only makes Hugo faster. Stdlib only; keeps HUGO_SITE's public/ and resources/.
"""

import shutil
import sys
from pathlib import Path

CONFIG = """baseURL = "/"
title = "Khóa học thử tải"
locale = "vi"
uglyURLs = true
relativeURLs = true
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = false
[markup.highlight]
  noClasses = false
[markup.goldmark.parser.attribute]
  title = true
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
"""

BASEOF = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
{{ range .Ancestors.Reverse }}{{ if not .IsHome }} › <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="meta">{{ with .Params.duration }}{{ . }} phút · {{ end }}{{ .WordCount }} từ</p>
<nav class="toc">{{ .TableOfContents }}</nav>
{{ .Content }}
<nav class="pager">
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
<aside><h2>{{ .CurrentSection.Title }}</h2><ol>
{{ range .CurrentSection.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ol></aside>
</article>
{{ end }}
"""

LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ol>
{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>{{ end }}
{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>: {{ .Description }}</li>{{ end }}
</ol>
{{ end }}
"""

CSS = "body{font-family:sans-serif;max-width:48rem;margin:auto}.chroma .k{color:#a0a}\n"


def generate(project: Path, site: Path) -> None:
    content = site / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(project / "content", content)
    (content / "_index.md").write_text(
        "---\ntitle: Khóa học thử tải\n---\nCác khóa học.\n", encoding="utf-8")
    layouts = site / "layouts"
    layouts.mkdir(parents=True, exist_ok=True)
    for name, text in [("baseof.html", BASEOF), ("single.html", SINGLE), ("list.html", LIST)]:
        (layouts / name).write_text(text, encoding="utf-8")
    (site / "static").mkdir(exist_ok=True)
    (site / "static" / "style.css").write_text(CSS, encoding="utf-8")
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2])
    generate(Path(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
