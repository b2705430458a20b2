"""The fingerprint plugin alone: names follow content, mistakes are named."""

import pytest

from plugins.fingerprint.fingerprint import AssetManifest


@pytest.fixture
def theme(tmp_path):
    (tmp_path / "static" / "css").mkdir(parents=True)
    (tmp_path / "static" / "css" / "main.css").write_text("body { color: black; }")
    return tmp_path


def manifest_for(theme) -> AssetManifest:
    manifest = AssetManifest(
        {
            "THEME": str(theme),
            "THEME_STATIC_PATHS": ["static"],
            "SITEURL": "https://example.org",
            "FINGERPRINT_DIR": "assets",
        }
    )
    manifest.scan()
    return manifest


def test_the_name_changes_with_the_content_and_only_then(theme):
    first = manifest_for(theme)("css/main.css")
    assert first.startswith("https://example.org/assets/css/main.")
    assert first.endswith(".css")
    assert manifest_for(theme)("css/main.css") == first
    (theme / "static" / "css" / "main.css").write_text("body { color: navy; }")
    assert manifest_for(theme)("css/main.css") != first


def test_the_copy_is_written_under_its_fingerprinted_name(theme, tmp_path):
    manifest = manifest_for(theme)
    manifest.write(tmp_path / "out")
    url = manifest("css/main.css")
    copy = tmp_path / "out" / url.removeprefix("https://example.org/")
    assert copy.read_text() == "body { color: black; }"


def test_an_unknown_asset_is_a_clear_error(theme):
    with pytest.raises(FileNotFoundError, match=r"asset_url\('css/mian.css'\)"):
        manifest_for(theme)("css/mian.css")
