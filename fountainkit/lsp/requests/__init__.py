"""The language server's requests beyond text sync, one module per feature.

Each module registers its handlers on :data:`fountainkit.lsp.server.server`
when imported, and pygls advertises a capability only for a registered
handler: a feature is advertised exactly when its module is listed here.
"""

from fountainkit.lsp.requests import (  # noqa: F401 - imported to register handlers
    code_actions,
    completion,
    hover,
    outline,
)
