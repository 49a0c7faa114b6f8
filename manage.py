#!/usr/bin/env python
"""Same as the ``wesaid`` command, for people used to Django."""

from wesaid.cli import main

if __name__ == "__main__":
    main()
