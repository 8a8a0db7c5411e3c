from fountainkit.cli import main

main()
