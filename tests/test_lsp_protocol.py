"""JSON-RPC as the specification says, checked on the wire (raw bytes over stdio).

One server answers most tests; the exit-code tests start their own, since
they end the process.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.lsp_wire import Message, WireClient

SCRIPT = "INT. KITCHEN - DAY\n\nJOHN\nCoffee?\n"


@pytest.fixture(scope="module")
def wire() -> Iterator[WireClient]:
    client = WireClient("--stdio")
    client.initialize()
    yield client
    client.close()


def error_reply(client: WireClient, code: int) -> Message:
    """The next error response with this code."""
    return client.next(lambda m: "error" in m and m["error"]["code"] == code)


def still_answers(client: WireClient) -> None:
    """The server kept going: a well-formed request gets its result."""
    uri = "file:///alive.fountain"
    client.open(uri, SCRIPT)
    reply = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert [symbol["name"] for symbol in reply["result"]] == ["INT. KITCHEN - DAY"]


def no_popups(client: WireClient) -> None:
    shown = [m for m in client.drain() if m.get("method") == "window/showMessage"]
    assert shown == []


def test_invalid_params_get_an_error_response_with_the_request_id(wire: WireClient) -> None:
    reply = wire.request("textDocument/documentSymbol", {"textDocument": 5})
    assert reply["id"] is not None and "result" not in reply
    assert reply["error"]["code"] == -32602
    assert "text_document" in reply["error"]["message"]  # says what did not fit

    missing = wire.request("textDocument/hover")  # hover needs params
    assert missing["error"]["code"] == -32602

    wrong_type = wire.request(
        "textDocument/hover",
        {"textDocument": {"uri": "file:///x.fountain"}, "position": {"line": "a", "character": 0}},
    )
    assert wrong_type["error"]["code"] == -32602
    scalar = wire.request("textDocument/documentSymbol", 7)  # params must be a structure
    assert scalar["error"]["code"] == -32602
    still_answers(wire)
    no_popups(wire)


def test_unparseable_json_gets_a_parse_error_with_a_null_id(wire: WireClient) -> None:
    wire.send_bytes(b'{"jsonrpc": "2.0", "id": 40, "method": ')
    reply = error_reply(wire, -32700)
    assert "id" in reply and reply["id"] is None

    wire.send_bytes(b"\xff\xfe not utf-8")
    assert error_reply(wire, -32700)["id"] is None
    still_answers(wire)
    no_popups(wire)


def test_json_that_is_no_message_is_an_invalid_request(wire: WireClient) -> None:
    wire.send_bytes(b"[1, 2]")  # a batch: not part of LSP
    assert error_reply(wire, -32600)["id"] is None
    wire.send({"jsonrpc": "2.0", "id": 41, "method": 5})
    assert error_reply(wire, -32600)["id"] == 41
    wire.send({"jsonrpc": "1.0", "id": 42, "method": "textDocument/documentSymbol"})
    assert error_reply(wire, -32600)["id"] == 42
    wire.send({"id": 43, "method": "textDocument/documentSymbol"})  # no "jsonrpc"
    assert error_reply(wire, -32600)["id"] == 43
    wire.send({"jsonrpc": "2.0", "id": [44], "method": "shutdown"})  # ids are numbers or strings
    assert error_reply(wire, -32600)["id"] is None
    # A notification's method sent as a request: nothing would ever answer it.
    reply = wire.request("textDocument/didSave", {"textDocument": {"uri": "file:///a"}})
    assert reply["error"]["code"] == -32600
    still_answers(wire)
    no_popups(wire)


def test_an_unknown_method_is_method_not_found(wire: WireClient) -> None:
    reply = wire.request("fountainkit/noSuchThing", {})
    assert reply["error"]["code"] == -32601
    # Unknown notifications (and $/ ones) are ignored: no reply, no popup.
    wire.notify("$/somethingNew", {"x": 1})
    wire.notify("fountainkit/noSuchNotification", {})
    still_answers(wire)
    assert not [m for m in wire.seen if m.get("id") is None and "error" in m and
                m["error"]["code"] == -32601]  # fmt: skip
    no_popups(wire)


def test_a_malformed_notification_is_logged_not_shown(wire: WireClient) -> None:
    wire.notify("textDocument/didOpen", {"textDocument": {"uri": 3}})
    logged = wire.next(
        lambda m: m.get("method") == "window/logMessage" and "didOpen" in m["params"]["message"]
    )
    assert logged["params"]["type"] == 2  # a warning in the client's log
    still_answers(wire)
    no_popups(wire)


def test_exit_without_shutdown_exits_1_and_requests_wait_for_initialize() -> None:
    client = WireClient()
    try:
        early = client.request("textDocument/documentSymbol", {"textDocument": {"uri": "a"}})
        assert early["error"]["code"] == -32002  # not initialized yet
        client.initialize()
        client.notify("exit")
        assert client.wait_exit() == 1
    finally:
        client.close()


def test_exit_after_shutdown_exits_0_and_later_requests_are_refused() -> None:
    client = WireClient()
    try:
        client.initialize()
        assert client.request("shutdown") == {"jsonrpc": "2.0", "id": 2, "result": None}
        late = client.request("textDocument/documentSymbol", {"textDocument": {"uri": "a"}})
        assert late["error"]["code"] == -32600
        client.notify("exit")
        assert client.wait_exit() == 0
    finally:
        client.close()
