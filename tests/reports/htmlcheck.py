"""A small stdlib HTML parser for the report tests: tags, attributes, headings and text."""

from __future__ import annotations

from html.parser import HTMLParser


class Collector(HTMLParser):
    """Collects every start tag with its attributes, the heading levels in order, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        """Attributes of every `tag` element."""
        return [a for t, a in self.tags if t == tag]


def parse(document: str) -> Collector:
    """Parse a whole document."""
    c = Collector()
    c.feed(document)
    c.close()
    return c
