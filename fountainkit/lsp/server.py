"""The server object, open documents and text sync (requests: :mod:`fountainkit.lsp.requests`).

Text sync is incremental: each ``didChange`` range is turned into offsets in
the server's own copy of the script and handed to the incremental parser, and
diagnostics are published straight after. Positions travel in the encoding
the client negotiated (UTF-16 unless it offers another); model columns are
code points, so a line is converted only when it holds a character that the
two encodings count differently.
"""

from __future__ import annotations

import asyncio
import logging
import re

from lsprotocol import types
from pygls.exceptions import FeatureRequestError, JsonRpcException
from pygls.lsp.server import LanguageServer

from fountainkit import __version__
from fountainkit.lsp.analysis import ScriptAnalysis
from fountainkit.lsp.lint import Diagnostic
from fountainkit.lsp.protocol import PARSE_ERROR, FountainProtocol
from fountainkit.model import Span
from fountainkit.syntax.parse import normalise

logger = logging.getLogger(__name__)

SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "information": types.DiagnosticSeverity.Information,
    "hint": types.DiagnosticSeverity.Hint,
}
_NON_BMP_RE = re.compile("[\U00010000-\U0010ffff]")

# Seconds of quiet after an edit before the page figures are recomputed in
# the background, so the outline and hovers usually find them ready.
LAYOUT_DELAY = 0.4


class FountainServer(LanguageServer):
    """A language server holding one :class:`ScriptAnalysis` per open script."""

    def __init__(self) -> None:
        super().__init__(
            "fountainkit",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=FountainProtocol,
        )
        self.scripts: dict[str, ScriptAnalysis] = {}
        self.versions: dict[str, int] = {}  # the editor's version of each open script
        self._layout_timers: dict[str, asyncio.TimerHandle] = {}
        # uri -> (document version, whether code-point columns are the client's).
        self._plain_columns: dict[str, tuple[int, bool]] = {}

    def forget(self, uri: str) -> None:
        """Drop everything held for a closed script."""
        self.scripts.pop(uri, None)
        self.versions.pop(uri, None)
        self._plain_columns.pop(uri, None)
        timer = self._layout_timers.pop(uri, None)
        if timer is not None:
            timer.cancel()

    def report_server_error(self, error: Exception, source: object) -> None:
        """Log what went wrong, never as a popup (pygls shows one by default).

        pygls calls this with ``JsonRpcException`` as the source when a body
        could not be read at all: that is a parse error, answered with
        ``-32700`` and a null id as JSON-RPC says. Errors in request handlers
        are already in the error response.
        """
        if source is FeatureRequestError:
            return
        protocol: FountainProtocol = self.protocol  # type: ignore[assignment]
        if source is JsonRpcException and isinstance(error, ValueError | RecursionError):
            protocol.reply_error(None, PARSE_ERROR, f"Parse error: {error}")
        else:
            protocol.report(f"error in the server: {error}")

    # --- positions -------------------------------------------------------------

    def _columns_match(self, uri: str, script: ScriptAnalysis) -> bool:
        """True when code-point columns equal the client's columns everywhere."""
        cached = self._plain_columns.get(uri)
        version = script.document.version
        if cached is not None and cached[0] == version:
            return cached[1]
        encoding = self.workspace.position_codec.encoding
        text = script.document.text
        if encoding == types.PositionEncodingKind.Utf32:
            plain = True
        elif encoding == types.PositionEncodingKind.Utf8:
            plain = text.isascii()
        else:
            plain = _NON_BMP_RE.search(text) is None
        self._plain_columns[uri] = (version, plain)
        return plain

    def _client_column(self, uri: str, script: ScriptAnalysis, line: int, column: int) -> int:
        """The client's 0-based column for a 1-based model line and column."""
        if self._columns_match(uri, script):
            return column - 1
        text = script.document.line_text(line)
        return self.workspace.position_codec.client_num_units(text[: column - 1])

    def server_column(self, script: ScriptAnalysis, line0: int, character: int) -> int:
        """The code-point column for a client position (0-based line and column)."""
        text = script.document.line_text(line0 + 1)
        codec = self.workspace.position_codec
        if text.isascii():
            return min(character, len(text))
        units = 0
        for index, char in enumerate(text):
            if units >= character:
                return index
            units += codec.impl.code_units_for_char(char)
        return len(text)

    def to_range(self, uri: str, script: ScriptAnalysis, span: Span) -> types.Range:
        return types.Range(
            start=types.Position(
                span.start_line - 1,
                self._client_column(uri, script, span.start_line, span.start_col),
            ),
            end=types.Position(
                span.end_line - 1, self._client_column(uri, script, span.end_line, span.end_col)
            ),
        )

    def offset_of(self, script: ScriptAnalysis, position: types.Position) -> int:
        document = script.document
        start = document.line_start(position.line + 1)
        if start >= len(document.text):
            return len(document.text)
        return start + self.server_column(script, position.line, position.character)

    def schedule_layout(self, uri: str) -> None:
        """Recompute page figures once typing pauses (a debounced background job)."""
        timer = self._layout_timers.pop(uri, None)
        if timer is not None:
            timer.cancel()

        def start() -> None:
            self._layout_timers.pop(uri, None)
            script = self.scripts.get(uri)
            if script is not None:
                script.scene_pages()

        self._layout_timers[uri] = asyncio.get_running_loop().call_later(LAYOUT_DELAY, start)

    # --- diagnostics -----------------------------------------------------------

    def publish(self, uri: str) -> None:
        script = self.scripts.get(uri)
        diagnostics = [] if script is None else script.diagnostics()
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=self.versions.get(uri),
                diagnostics=[self._diagnostic(uri, script, d) for d in diagnostics]
                if script
                else [],
            )
        )

    def _diagnostic(self, uri: str, script: ScriptAnalysis, found: Diagnostic) -> types.Diagnostic:
        fix = None
        if found.replaces and found.replacement:
            fix = {"replaces": found.replaces, "replacement": found.replacement}
        return types.Diagnostic(
            range=self.to_range(uri, script, found.span),
            message=found.message,
            severity=SEVERITIES[found.severity],
            code=found.code,
            source="fountainkit",
            data=fix,
        )


server = FountainServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: FountainServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.scripts[params.text_document.uri] = ScriptAnalysis(params.text_document.text)
    ls.versions[params.text_document.uri] = params.text_document.version
    ls.publish(params.text_document.uri)
    ls.schedule_layout(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: FountainServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    script = ls.scripts.get(uri)
    if script is None:
        return
    for change in params.content_changes:
        if isinstance(change, types.TextDocumentContentChangePartial):
            start = ls.offset_of(script, change.range.start)
            end = ls.offset_of(script, change.range.end)
            script.document.edit(start, max(start, end), change.text)
        else:
            script.document.replace_all(change.text)
    # pygls keeps its own copy of the text from the same changes; should ours
    # ever differ (a client sending odd ranges), start again from theirs.
    theirs = normalise(ls.workspace.get_text_document(uri).source)
    if theirs != script.document.text:
        message = f"{uri}: out of step with the editor's text; re-parsed it whole"
        logger.warning(message)
        ls.window_log_message(
            types.LogMessageParams(type=types.MessageType.Warning, message=message)
        )
        script.document.replace_all(theirs)
    ls.versions[uri] = params.text_document.version
    ls.publish(uri)
    ls.schedule_layout(uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: FountainServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)
    ls.publish(params.text_document.uri)  # no script: clears its diagnostics


def serve() -> None:
    """Run the server over stdin/stdout until the client says exit.

    Exits with code 0 when ``exit`` followed a ``shutdown`` request and 1
    otherwise (the client went away, or skipped shutdown), as LSP says;
    pygls's own ``sys.exit`` in its exit handler is swallowed by its loop.
    """
    # Importing the request modules registers their handlers (and so their
    # capabilities) on ``server`` before it answers ``initialize``.
    import fountainkit.lsp.requests  # noqa: F401

    server.start_io()
    protocol: FountainProtocol = server.protocol  # type: ignore[assignment]
    raise SystemExit(protocol.exit_code)
