"""The one Jinja environment every HTML output is rendered with.

Kept in one place so that autoescaping (script text is untrusted: a cue named
``<script>`` must print as text) can never be forgotten by a new report.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from fountainkit.resources import template_dir

if TYPE_CHECKING:
    import jinja2


@cache
def environment(*, report: bool = True) -> jinja2.Environment:
    """Templates from the bundled templates/ folder, always autoescaped.

    ``report``: the breakdown and schedule reports trim block whitespace and
    refuse undefined names (a template typo fails a test, not a printout);
    the script's own HTML keeps the whitespace its pages are laid out with.
    """
    # Imported on first use: the direct PDF painter loads this module, renders nothing.
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        autoescape=True,
        trim_blocks=report,
        lstrip_blocks=report,
        undefined=jinja2.StrictUndefined if report else jinja2.Undefined,
    )
