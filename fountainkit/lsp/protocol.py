"""JSON-RPC errors as the specification says, on top of pygls's protocol.

pygls 2 turns a message it cannot read into a ``window/showMessage`` popup
and no reply: a request with params that do not fit its method left the
client waiting forever, and unparseable JSON got no ``-32700``. Here every
request gets an answer:

* a body that is not JSON: ``-32700`` (Parse error) with ``id: null``;
* JSON that is not a JSON-RPC message (not an object, no ``"jsonrpc": "2.0"``,
  a method that is not a string, an id that is not a number or string):
  ``-32600`` (Invalid Request), with the id when it could be read;
* params that do not fit the method: ``-32602`` (Invalid params);
* an unknown method: ``-32601`` (pygls already answers so);
* a request before ``initialize``: ``-32002``; after ``shutdown``: ``-32600``.

Malformed notifications cannot be answered: they are logged (stderr and
``window/logMessage``), never shown as a popup. ``exit`` ends the process
with code 0 after a ``shutdown`` request and 1 otherwise (see
:func:`fountainkit.lsp.server.serve`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import attrs
import cattrs
from lsprotocol import types
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import JsonRPCNotification, JsonRPCRequestMessage

logger = logging.getLogger(__name__)

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
INVALID_PARAMS = -32602
SERVER_NOT_INITIALIZED = -32002


@dataclass(frozen=True, slots=True)
class Rejected:
    """A message that could not be read as its method says: answered with an error.

    ``json.loads`` hands every object to :meth:`FountainProtocol.structure_message`
    and then the top-level result to ``handle_message``; a rejected message
    travels that way instead of an exception, which pygls would only log.
    """

    id: int | str | None
    code: int
    message: str
    request: bool  # False for a notification: nothing to answer


class FountainProtocol(LanguageServerProtocol):
    """pygls's LSP protocol with spec-conformant error replies."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initialize_seen = False
        self.exit_code = 1  # 0 only once exit follows a shutdown request

    # --- reading --------------------------------------------------------------------

    def structure_message(self, data: dict[str, Any]) -> Any:
        """The typed message for a JSON object, or :class:`Rejected` when it does not fit.

        Called for every object in the body, innermost first: only the top
        level carries ``jsonrpc``, the rest stay plain dicts.
        """
        if "jsonrpc" not in data:
            return data
        if data.get("jsonrpc") != "2.0":
            return self._rejected(data, INVALID_REQUEST, 'Invalid Request: "jsonrpc" must be "2.0"')
        if "method" not in data:
            return super().structure_message(data)  # a response to one of our requests
        method, is_request = data["method"], "id" in data
        if not isinstance(method, str):
            return self._rejected(data, INVALID_REQUEST, 'Invalid Request: "method" not a string')
        if is_request and not _valid_id(data["id"]):
            return self._rejected(
                data, INVALID_REQUEST, 'Invalid Request: "id" not a number/string'
            )
        if "params" in data and not isinstance(data["params"], dict | list):
            return self._rejected(
                data, INVALID_PARAMS, f"Invalid params for {method}: not a structure"
            )
        message_type = self.get_message_type(method)
        if message_type is None:  # unknown or custom method: no type to check against
            message_type = JsonRPCRequestMessage if is_request else JsonRPCNotification
        elif is_request != ("id" in attrs.fields_dict(message_type)):
            kind = "a notification" if is_request else "a request"
            return self._rejected(data, INVALID_REQUEST, f"Invalid Request: {method} is {kind}")
        try:
            return self._converter.structure(data, message_type)
        except Exception as error:  # cattrs reports any mismatch its own way
            return self._rejected(
                data, INVALID_PARAMS, f"Invalid params for {method}: {_why(error)}"
            )

    def _rejected(self, data: dict[str, Any], code: int, message: str) -> Rejected:
        msg_id = data.get("id")
        return Rejected(msg_id if _valid_id(msg_id) else None, code, message, "id" in data)

    # --- dispatch -------------------------------------------------------------------

    def handle_message(self, message: Any) -> None:
        if isinstance(message, Rejected):
            if message.request:
                self.reply_error(message.id, message.code, message.message)
            else:
                self.report(f"ignored a malformed notification: {message.message}")
            return
        if not isinstance(getattr(message, "jsonrpc", None), str):
            # Valid JSON but no message at all: a number, a list (batches are
            # not part of LSP), an object without "jsonrpc".
            msg_id = message.get("id") if isinstance(message, dict) else None
            self.reply_error(
                msg_id if _valid_id(msg_id) else None,
                INVALID_REQUEST,
                "Invalid Request: not a JSON-RPC 2.0 message",
            )
            return
        method = getattr(message, "method", None)
        is_request = method is not None and hasattr(message, "id")
        if method == types.INITIALIZE:
            self.initialize_seen = True
        elif method == types.EXIT:
            self.exit_code = 0 if self._shutdown else 1
        elif is_request and not self.initialize_seen:
            self.reply_error(message.id, SERVER_NOT_INITIALIZED, "Server not initialized")
            return
        elif is_request and self._shutdown:
            # pygls drops these silently; the spec wants an InvalidRequest error.
            self.reply_error(message.id, INVALID_REQUEST, "Invalid Request: server shut down")
            return
        super().handle_message(message)

    def reply_error(self, msg_id: int | str | None, code: int, message: str) -> None:
        """An error response; written by hand because lsprotocol's converter drops a null id."""
        self._send_data(
            {"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}}
        )
        self.report(message)

    def report(self, message: str) -> None:
        """A problem with what the client sent: stderr and the client's log, no popup."""
        logger.warning("%s", message)
        self.notify(
            types.WINDOW_LOG_MESSAGE,
            types.LogMessageParams(type=types.MessageType.Warning, message=message),
        )


def _valid_id(value: object) -> bool:
    """LSP ids are integers or strings (JSON-RPC's null id is for errors only)."""
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def _why(error: Exception) -> str:
    """What did not fit, as paths into the message ("required field missing @ $.params")."""
    if isinstance(error, cattrs.BaseValidationError):
        return "; ".join(cattrs.transform_error(error))
    return str(error) or type(error).__name__
