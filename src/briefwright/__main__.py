"""`python -m briefwright` runs the command-line interface."""

from briefwright.cli import main

main()
