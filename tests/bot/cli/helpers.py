"""Values shared by the CLI tests."""

from __future__ import annotations

# Long enough and uncommon enough for the staff password policy.
PASSWORD = "a sufficiently long pass"
