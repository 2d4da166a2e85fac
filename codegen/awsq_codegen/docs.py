"""The model's HTML documentation as plain text, and the header that holds it as data for help.

botocore's documentation is a small HTML dialect (p, ul/ol/li, code, a, note, important, fullname, b, i);
help_text keeps its paragraphs and lists, wrapped to a width, and drops the markup.
"""

from __future__ import annotations

import re
import textwrap
from html.parser import HTMLParser

BLOCKS = {"p", "li", "ul", "ol", "note", "important", "fullname", "br", "div", "dd", "dt", "h1", "h2", "h3",
          "h4", "h5", "h6", "examples", "example", "pre"}


class _Blocks(HTMLParser):
    """Paragraphs of text, each with its list depth and whether it starts a list item."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, bool, str]] = []
        self.depth = 0
        self.item = False          # the next paragraph opens a list item
        self.text: list[str] = []
        self.prefix = ""

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.text)).strip()
        if text:
            self.blocks.append((self.depth, self.item, self.prefix + text))
            self.item = False
            self.prefix = ""
        self.text = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.flush()
        if tag in ("ul", "ol"):
            self.depth += 1
        elif tag == "li":
            self.item = True
        elif tag in ("note", "important"):
            self.prefix = "Note: " if tag == "note" else "Important: "

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.flush()
        if tag in ("ul", "ol"):
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        self.text.append(data)


def help_text(documentation: str, width: int = 72) -> str:
    """Plain text of HTML documentation: paragraphs apart by a blank line, list items as "- " lines
    indented by their depth, every line at most `width` columns where words allow."""
    parser = _Blocks()
    parser.feed(documentation or "")
    parser.close()
    parser.flush()
    out: list[str] = []
    previous_item = False
    for depth, item, text in parser.blocks:
        indent = "  " * max(0, depth - 1)
        if out and not (item and previous_item) and not (depth and not item):
            out.append("")
        if item:
            lines = textwrap.wrap(text, width, initial_indent=indent + "- ", subsequent_indent=indent + "  ",
                                  break_long_words=False, break_on_hyphens=False)
        else:
            lines = textwrap.wrap(text, width, initial_indent=indent + ("  " if depth else ""),
                                  subsequent_indent=indent + ("  " if depth else ""),
                                  break_long_words=False, break_on_hyphens=False)
        out += lines
        previous_item = item or bool(depth)
    return "\n".join(out)


def first_sentence(documentation: str, limit: int = 160) -> str:
    """The documentation's first sentence (cut near `limit`), for one-line lists."""
    text = help_text(documentation, 10**6).split("\n")[0].strip()
    text = text[2:] if text.startswith("- ") else text
    end = text.find(". ")
    if 0 < end < limit:
        return text[: end + 1]
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        return text[: cut if cut > 0 else limit] + "..."
    return text


def cpp_string(text: str) -> str:
    """A C++ string literal of `text` (UTF-8 kept; quotes, backslashes and newlines escaped), split at
    its newlines so that the header reads as the text."""
    if not text:
        return '""'
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("??", "?\\?")
    # Other control characters as three-digit octal escapes (a hex escape would swallow following digits).
    escaped = re.sub(r"[\x00-\x09\x0b-\x1f\x7f]", lambda m: f"\\{ord(m.group()):03o}", escaped)
    lines = escaped.split("\n")
    return "\n        ".join(f'"{line}\\n"' if i + 1 < len(lines) else f'"{line}"' for i, line in enumerate(lines))

