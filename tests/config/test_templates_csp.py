"""The Content-Security-Policy allows no inline script, style or event handler, so no
template may hold one: every template under templates/ and <app>/templates/ is read."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIPPED = {".venv", "staticfiles", "node_modules", "var", ".git"}


def templates() -> list[Path]:
    found = sorted((ROOT / "templates").rglob("*.html"))
    for app_templates in sorted(ROOT.glob("*/templates")):
        if app_templates.parent.name not in SKIPPED:
            found += sorted(app_templates.rglob("*.html"))
    return found


TEMPLATES = templates()
IDS = [str(path.relative_to(ROOT)) for path in TEMPLATES]

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"'{]", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)
# hx-on and js: values need eval, which the policy refuses as well (no 'unsafe-eval').
HTMX_EVAL = re.compile(r"\shx-on[:\-]|\shx-vals\s*=\s*[\"']js:", re.IGNORECASE)


def offending_lines(path: Path, pattern: re.Pattern) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [f"{i}: {line.strip()}" for i, line in enumerate(lines, 1) if pattern.search(line)]


def test_the_project_templates_are_found():
    names = set(IDS)
    assert "templates/base.html" in names
    assert "templates/registration/login.html" in names


@pytest.mark.parametrize("path", TEMPLATES, ids=IDS)
def test_no_inline_script(path):
    text = path.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text), offending_lines(path, INLINE_SCRIPT)


@pytest.mark.parametrize("path", TEMPLATES, ids=IDS)
def test_no_style_attribute_or_element(path):
    assert not offending_lines(path, STYLE_ATTRIBUTE)
    assert not offending_lines(path, STYLE_ELEMENT)


@pytest.mark.parametrize("path", TEMPLATES, ids=IDS)
def test_no_event_handler_attribute_or_javascript_url(path):
    assert not offending_lines(path, EVENT_HANDLER)
    assert not offending_lines(path, JAVASCRIPT_URL)


@pytest.mark.parametrize("path", TEMPLATES, ids=IDS)
def test_no_htmx_attribute_that_needs_eval(path):
    assert not offending_lines(path, HTMX_EVAL)


@pytest.mark.parametrize(
    ("pattern", "sample"),
    [
        (INLINE_SCRIPT, "<script>alert(1)</script>"),
        (INLINE_SCRIPT, '<script type="module">x()</script>'),
        (STYLE_ATTRIBUTE, '<p style="color: red">'),
        (STYLE_ELEMENT, "<style>p {}</style>"),
        (EVENT_HANDLER, '<button onclick="x()">'),
        (JAVASCRIPT_URL, '<a href="javascript:void(0)">'),
        (HTMX_EVAL, '<form hx-on::after-request="x()">'),
    ],
)
def test_the_checks_catch_what_they_are_for(pattern, sample):
    assert pattern.search(sample)


def test_the_checks_let_a_script_file_through():
    assert not INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
