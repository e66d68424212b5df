"""Vendor the HTML map's pinned JavaScript into ``argkb/export/vendor/`` from npm's verified
tarballs.

    npm ci && python -m argkb.devtools.vendor_js

The versions and integrity hashes come from ``package-lock.json``; the tarballs from npm's
content-addressed cache (``npm config get cache``), which ``npm ci`` fills. Each tarball's SHA-512
is checked against the lock before a file is taken from it, so what lands in the repository is
byte for byte what the registry published for the pinned version. ``tests/test_vendor_js.py``
repeats the check on the files committed.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from argkb.export.html import VENDOR, vendor_manifest, vendored_path

ROOT = Path(__file__).resolve().parents[3]


def locked(package: str, lock: Path = ROOT / "package-lock.json") -> tuple[str, str]:
    """(version, integrity) of ``package`` in ``package-lock.json``."""
    entry = json.loads(lock.read_text(encoding="utf-8"))["packages"][f"node_modules/{package}"]
    return entry["version"], entry["integrity"]


def npm_cache() -> Path:
    npm = shutil.which("npm")
    if not npm:
        raise FileNotFoundError("npm is not installed")
    out = subprocess.run(
        [npm, "config", "get", "cache"], capture_output=True, text=True, timeout=60, check=True
    )
    return Path(out.stdout.strip()) / "_cacache"


def cached_tarball(integrity: str, cache: Path) -> bytes:
    """The tarball npm cached under ``integrity`` (cacache's content-v2 layout), checked against
    it."""
    algorithm, digest = integrity.split("-", 1)
    hexdigest = base64.b64decode(digest).hex()
    path = cache / "content-v2" / algorithm / hexdigest[:2] / hexdigest[2:4] / hexdigest[4:]
    if not path.is_file():
        raise FileNotFoundError(f"{path} is not in npm's cache: run `npm ci` in {ROOT}")
    data = path.read_bytes()
    if hashlib.new(algorithm, data).digest() != base64.b64decode(digest):
        raise ValueError(f"{path} does not match the integrity {integrity} of package-lock.json")
    return data


def tarball_member(tarball: bytes, name: str) -> bytes:
    """A file of an npm tarball (npm packs everything under ``package/``)."""
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        member = tar.extractfile(f"package/{name}")
        if member is None:
            raise FileNotFoundError(f"package/{name} is not a file in the tarball")
        return member.read()


def main() -> int:
    cache = npm_cache()
    for package, entry in vendor_manifest().items():
        version, integrity = locked(package)
        if version != entry["version"]:
            print(
                f"{package}: package-lock.json pins {version}; update vendor.json first",
                file=sys.stderr,
            )
            return 1
        tarball = cached_tarball(integrity, cache)
        for name in (entry["script"], *entry["files"]):
            target = vendored_path(package, version, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tarball_member(tarball, name))
            print(f"{target.relative_to(ROOT)}  ({package} {version}, {integrity[:19]}…)")
    kept = {f"{package}@{entry['version']}" for package, entry in vendor_manifest().items()}
    for folder in VENDOR.iterdir():
        if folder.is_dir() and folder.name not in kept:  # an earlier version
            shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
