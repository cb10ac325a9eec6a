"""``python -m bot.cli`` runs the ``intake`` command line."""

import sys

from bot.cli import main

sys.exit(main())
