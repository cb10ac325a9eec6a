"""Run Rasa's command line with every outbound call switched off.

Rasa 3.6 sends telemetry (Segment) unless ``RASA_TELEMETRY_ENABLED=false`` and
initialises Sentry error reporting from a key bundled in the package whatever
that variable says. This product makes no outbound calls, so every Rasa
invocation in the project (Makefile, ``intake run``, tests) goes through here.
"""

from __future__ import annotations

import os
import sys


def disable_phone_home() -> None:
    """Turn off Rasa telemetry and Sentry error reporting for this process and children."""
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    # Sentry's key is read from a file inside the package, so the only reliable
    # switch is to replace the functions rasa.__main__ calls through the module.
    import rasa.telemetry

    rasa.telemetry.initialize_error_reporting = lambda: None
    rasa.telemetry.sentry_write_key = lambda: None
    rasa.telemetry.initialize_telemetry = lambda: False


def main() -> None:
    """Entry point: ``python -m bot.rasa_cli <rasa arguments>``."""
    disable_phone_home()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
