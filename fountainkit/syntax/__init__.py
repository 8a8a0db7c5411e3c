"""Fountain text to the model: the line lexer, the Lark grammar driver, inline
markup, incremental re-parsing and reading script files."""
