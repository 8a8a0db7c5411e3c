"""Write grammars/fountain.tables.json from grammars/fountain.lark.

    python -m fountainkit.syntax.build_tables

Run it after every change to the grammar (see fountainkit.syntax.tables).
"""

from __future__ import annotations

from fountainkit.resources import grammar_path
from fountainkit.syntax.tables import GRAMMAR, compute, tables_path, to_json


def main() -> None:
    grammar_text = grammar_path(GRAMMAR).read_text(encoding="utf-8")
    path = tables_path()
    path.write_text(to_json(compute(grammar_text)), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
