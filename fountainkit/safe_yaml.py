"""YAML for files users write (config, schedules): safe, bounded, and strict.

* ``yaml.SafeLoader`` only: no Python objects are ever built from a file.
* Bounded: a document is refused past :data:`MAX_BYTES`, and aliases cannot
  blow up what readers walk (a "billion laughs" file): the loaded data is
  counted, aliases included, and refused past :data:`MAX_NODES`.
* Strict: a key given twice in one mapping is an error (PyYAML would keep the
  last silently), and every mapping and list remembers its source line so a
  reader can say where a bad value is.
"""

from __future__ import annotations

from functools import cache
from typing import Any

MAX_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000


class YamlError(ValueError):
    """A YAML file that cannot be used; the message is one line."""


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping from a YAML file, with the 1-based line it starts on."""

    line: int = 0


class LineList(list):  # type: ignore[type-arg]
    """A list from a YAML file, with the 1-based line it starts on."""

    line: int = 0


@cache
def _loaders() -> tuple[type, type]:
    """The strict loader and the one refusing aliases, built on first use: PyYAML
    costs every command about 18 ms to import, and most commands read no YAML."""
    import yaml

    class _StrictLoader(yaml.SafeLoader):
        pass

    def _construct_mapping(loader: Any, node: Any) -> LineDict:
        loader.flatten_mapping(node)
        result = LineDict()
        result.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                line = key_node.start_mark.line + 1
                raise YamlError(f"line {line}: a key must be a plain value") from None
            if key in result:
                raise YamlError(f"line {key_node.start_mark.line + 1}: key {key!r} given twice")
            result[key] = loader.construct_object(value_node, deep=True)
        return result

    def _construct_sequence(loader: Any, node: Any) -> LineList:
        result = LineList(loader.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        return result

    _StrictLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
    )
    _StrictLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence
    )

    class _NoAliasLoader(_StrictLoader):
        """The strict loader, refusing aliases outright (a settings file has no use for them)."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                anchor = str(event.anchor)
                if len(anchor) > 40:
                    anchor = anchor[:39] + "\u2026"
                raise YamlError(
                    f"line {event.start_mark.line + 1}: YAML aliases (*{anchor}) are not allowed "
                    "here; write the value out"
                )
            return super().compose_node(parent, index)

    return _StrictLoader, _NoAliasLoader


def _check_size(data: Any) -> None:
    """Walk the data as a reader would, aliases expanded, up to MAX_NODES."""
    stack = [data]
    count = 0
    while stack:
        item = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise YamlError(f"too large once aliases are expanded (over {MAX_NODES} values)")
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def load_yaml(text: str, *, aliases: bool = True) -> Any:
    """Parse one YAML document; :class:`YamlError` (one line) when it cannot be used.

    ``aliases=False`` refuses any alias at once; otherwise they are allowed and the
    expanded data is bounded.
    """
    if len(text) > MAX_BYTES:
        raise YamlError(f"too large for a settings file (over {MAX_BYTES // 1024} KiB)")
    import yaml

    strict, no_alias = _loaders()
    loader = strict if aliases else no_alias
    try:
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None)
        detail = f": {problem}" if problem else ""
        raise YamlError(f"not valid YAML{where}{detail}") from None
    except RecursionError:
        raise YamlError("nested too deeply") from None
    _check_size(data)
    return data
