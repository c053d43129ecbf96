"""`python -m openhromada` is the same as the `openhromada` command."""

from openhromada.cli import main

main()
