"""One module per CLI subcommand; see fountainkit.cli.COMMANDS."""
