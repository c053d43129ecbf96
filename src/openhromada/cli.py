"""The `openhromada` console command: Django's management commands with friendlier names."""

import os
import sys

from django.core.management import execute_from_command_line


def main(argv: list[str] | None = None) -> None:
    """Run `openhromada <command> …`; `generate-scale` and the like map to their Django names."""
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "serve":
        # `serve` is the production server: it refuses to start without production settings.
        os.environ.setdefault("OPENHROMADA_ENV", "production")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openhromada.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")  # generate-scale → generate_scale
        if argv[1] == "help" and len(argv) > 2 and not argv[2].startswith("-"):
            argv[2] = argv[2].replace("-", "_")
    argv[0] = "openhromada"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
