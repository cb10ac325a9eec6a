"""Make the last open-source Rasa wheel installable on Python 3.11.

Rasa 3.6.21 declares ``Requires-Python <3.11`` and guards its numpy / scipy /
scikit-learn / dask pins with ``python_version < "3.11"``. Installing it with
``--ignore-requires-python`` silently drops those pins, so instead we rewrite
the wheel's metadata: widen ``Requires-Python`` and move every ``< "3.11"``
marker to ``< "3.12"`` so the pins apply on 3.11 too. The RECORD file is
updated so the re-zipped wheel stays valid.

Standard library only: this runs before any dependency is installed.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

RASA_VERSION = "3.6.21"
# sha256 of rasa-3.6.21-py3-none-any.whl as published on PyPI.
RASA_WHEEL_SHA256 = "77e713ce668c3309959669e22b6d0cdde0260b12d33cfa3b95b7807526e3a641"
WHEEL_NAME = f"rasa-{RASA_VERSION}-py3-none-any.whl"

_REQUIRES_PYTHON = re.compile(r"^Requires-Python: .*$", re.MULTILINE)
_PY311_MARKER = re.compile(r"""python_version\s*<\s*["']3\.11["']""")


class WheelError(RuntimeError):
    """The wheel is not the one we expect, or cannot be patched."""


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file (read in blocks: wheels and weights are large)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def patch_metadata(text: str) -> str:
    """Return METADATA text that admits Python 3.11 and keeps the 3.10 pins on 3.11."""
    if not _REQUIRES_PYTHON.search(text):
        raise WheelError("METADATA has no Requires-Python line")
    text = _REQUIRES_PYTHON.sub("Requires-Python: >=3.8,<3.12", text, count=1)
    return _PY311_MARKER.sub('python_version < "3.12"', text)


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode()


def patch_wheel(source: Path, target: Path) -> Path:
    """Write a copy of ``source`` with patched METADATA (and RECORD) to ``target``."""
    with zipfile.ZipFile(source) as zin:
        names = zin.namelist()
        metadata_name = next((n for n in names if n.endswith(".dist-info/METADATA")), None)
        record_name = next((n for n in names if n.endswith(".dist-info/RECORD")), None)
        if metadata_name is None or record_name is None:
            raise WheelError(f"{source.name} has no dist-info METADATA/RECORD")
        new_metadata = patch_metadata(zin.read(metadata_name).decode("utf-8")).encode("utf-8")
        record_lines = []
        for line in zin.read(record_name).decode("utf-8").splitlines():
            if line.startswith(metadata_name + ","):
                line = f"{metadata_name},{_record_hash(new_metadata)},{len(new_metadata)}"
            record_lines.append(line)
        new_record = ("\n".join(record_lines) + "\n").encode("utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                if info.filename == metadata_name:
                    data = new_metadata
                elif info.filename == record_name:
                    data = new_record
                else:
                    data = zin.read(info.filename)
                zout.writestr(info, data)
        tmp.replace(target)
    return target


def download_wheel(dest: Path, python: str = sys.executable) -> Path:
    """Download the published 3.10 wheel (no dependencies) and verify its sha256."""
    dest.mkdir(parents=True, exist_ok=True)
    wheel = dest / WHEEL_NAME
    if not wheel.exists():
        subprocess.run(
            [
                python,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary=:all:",
                "--python-version",
                "3.10",
                f"rasa=={RASA_VERSION}",
                "-d",
                str(dest),
            ],
            check=True,
        )
    actual = sha256_of(wheel)
    if actual != RASA_WHEEL_SHA256:
        wheel.unlink()
        raise WheelError(f"{WHEEL_NAME} sha256 {actual} != expected {RASA_WHEEL_SHA256}")
    return wheel


def main(argv: list[str] | None = None) -> int:
    """CLI: download, verify and patch the Rasa wheel into ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("build/wheels/original"))
    parser.add_argument("--out", type=Path, default=Path("build/wheels"))
    args = parser.parse_args(argv)
    target = args.out / WHEEL_NAME
    if target.exists():
        print(target)
        return 0
    with tempfile.TemporaryDirectory():
        source = download_wheel(args.cache)
        patch_wheel(source, target)
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
