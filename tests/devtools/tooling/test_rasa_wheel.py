"""The install script's metadata rewrite, on the real published Rasa wheel."""

from __future__ import annotations

import base64
import email.parser
import hashlib
import zipfile
from pathlib import Path

import pytest

from devtools.tooling import rasa_wheel

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def original_wheel(tmp_path_factory) -> Path:
    """The published wheel: the copy `make install` downloaded, or a fresh download."""
    cached = ROOT / "build" / "wheels" / "original" / rasa_wheel.WHEEL_NAME
    if cached.is_file():
        return cached
    return rasa_wheel.download_wheel(tmp_path_factory.mktemp("wheel"))


def read_metadata(wheel: Path) -> tuple[str, str, str]:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        record = next(n for n in archive.namelist() if n.endswith(".dist-info/RECORD"))
        return name, archive.read(name).decode(), archive.read(record).decode()


def test_original_wheel_is_the_published_one(original_wheel):
    assert rasa_wheel.sha256_of(original_wheel) == rasa_wheel.RASA_WHEEL_SHA256
    _, metadata, _ = read_metadata(original_wheel)
    assert "Requires-Python: >=3.8,<3.11" in metadata
    assert 'python_version < "3.11"' in metadata


def test_patched_wheel_admits_311_and_keeps_the_pins(original_wheel, tmp_path):
    patched = rasa_wheel.patch_wheel(original_wheel, tmp_path / rasa_wheel.WHEEL_NAME)
    name, metadata, record = read_metadata(patched)
    parsed = email.parser.Parser().parsestr(metadata)
    assert parsed["Requires-Python"] == ">=3.8,<3.12"
    assert 'python_version < "3.11"' not in metadata
    requirements = parsed.get_all("Requires-Dist")
    for pin in (
        "dask (==2022.10.2)",
        "numpy (>=1.19.2,<1.25.0)",
        "scipy (>=1.10.0,<1.11.0)",
        "scikit-learn (>=0.22,<1.2)",
    ):
        assert any(r.startswith(pin) and '< "3.12"' in r for r in requirements), pin
    # RECORD must carry the new METADATA hash or installers reject the wheel.
    digest = base64.urlsafe_b64encode(hashlib.sha256(metadata.encode()).digest()).rstrip(b"=")
    assert f"{name},sha256={digest.decode()},{len(metadata.encode())}" in record.splitlines()
    with zipfile.ZipFile(patched) as archive:
        assert archive.testzip() is None
        with zipfile.ZipFile(original_wheel) as source:
            assert sorted(archive.namelist()) == sorted(source.namelist())


def test_download_refuses_a_tampered_wheel(tmp_path, monkeypatch):
    tampered = tmp_path / rasa_wheel.WHEEL_NAME
    tampered.write_bytes(b"not the wheel")
    with pytest.raises(rasa_wheel.WheelError):
        rasa_wheel.download_wheel(tmp_path)
    assert not tampered.exists()


def test_patch_metadata_requires_a_python_line():
    with pytest.raises(rasa_wheel.WheelError):
        rasa_wheel.patch_metadata("Name: rasa\n")
