"""The vendored JavaScript of the HTML map is exactly what the npm registry published for the
versions package-lock.json pins: each file is compared with the one in the tarball whose SHA-512
is the lock's integrity hash (the tarball is taken from npm's cache, which `npm ci` fills)."""

from __future__ import annotations

import json
import subprocess

import pytest

from argkb.devtools import vendor_js
from argkb.export.html import vendor_manifest, vendored_path
from conftest import REPO, unavailable

PACKAGES = sorted(vendor_manifest())


def test_vendored_versions_are_the_pinned_ones():
    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert PACKAGES == sorted(pinned) == ["cytoscape", "cytoscape-dagre"]
    for package in PACKAGES:
        version = vendor_manifest()[package]["version"]
        assert version == pinned[package] == vendor_js.locked(package)[0]


@pytest.fixture(scope="module")
def npm_cache():
    try:
        return vendor_js.npm_cache()
    except (FileNotFoundError, subprocess.SubprocessError) as exc:
        unavailable(f"npm's cache is needed to check the vendored JavaScript: {exc}")


@pytest.mark.parametrize("package", PACKAGES)
def test_vendored_bytes_match_the_lock_integrity(package, npm_cache):
    version, integrity = vendor_js.locked(package)
    try:
        tarball = vendor_js.cached_tarball(
            integrity, npm_cache
        )  # raises unless sha512(tarball) == integrity
    except FileNotFoundError as exc:
        unavailable(str(exc))
    entry = vendor_manifest()[package]
    for name in (entry["script"], *entry["files"]):
        assert vendored_path(package, version, name).read_bytes() == vendor_js.tarball_member(
            tarball, name
        ), name


def test_a_tampered_tarball_is_refused(tmp_path):
    version, integrity = vendor_js.locked("cytoscape-dagre")
    hexdigest = vendor_js.base64.b64decode(integrity.split("-", 1)[1]).hex()
    fake = tmp_path / "content-v2" / "sha512" / hexdigest[:2] / hexdigest[2:4] / hexdigest[4:]
    fake.parent.mkdir(parents=True)
    fake.write_bytes(b"not the published tarball")
    with pytest.raises(ValueError, match="does not match the integrity"):
        vendor_js.cached_tarball(integrity, tmp_path)
