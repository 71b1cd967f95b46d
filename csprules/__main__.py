"""``python -m csprules``: the same as the ``csprules`` command."""

from __future__ import annotations

import sys

from csprules.cli import main

sys.exit(main())
