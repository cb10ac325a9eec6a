"""``intake content list``: topics, claims per answer, and the checks that fail it;
``intake content fhir``: the questionnaires as FHIR resources."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from bot.cli import main
from bot.faq.content import DEFAULT_CONTENT_PATH
from bot.faq.grounding import SEEDS_ENV, find_seed_dir
from bot.fhir.validation import validate_resource
from bot.questionnaire.questions import default_questions

SEED_DIR = find_seed_dir()


@pytest.fixture
def seed_dir(tmp_path):
    """A seed folder with one page, so the test does not depend on the shared seeds."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Ketamine effects are short-lived for most people.", encoding="utf-8"
    )
    return folder


def write_faq(tmp_path, quote: str, text: str = "Effects are short. {profile_driving}") -> str:
    path = tmp_path / "faq.yml"
    document = {
        "version": "3.1",
        "responses": {
            "utter_faq/x": [
                {
                    "text": text,
                    "metadata": {
                        "source": "a.txt",
                        "reviewed": "2026-12-03",
                        "title": "X",
                        "question": "X?",
                        "claims": [{"quote": quote, "source": "a.txt"}, {"profile": "driving"}],
                    },
                }
            ]
        },
    }
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return str(path)


@pytest.mark.skipif(SEED_DIR is None, reason="seed pages not on this machine")
def test_the_real_content_lists_claims_and_passes(capsys):
    assert main(["content", "list", "--seeds", str(SEED_DIR)]) == 0
    out, err = capsys.readouterr()
    assert "after_session" in out and "(clinics differ)" in out
    assert "[profile] driving (not set: neutral wording pointing to the care team)" in out
    assert '[002_cd44a42f572144c8.txt] "Typically, ketamine causes' in out
    assert "[policy (content/crisis_resources.yml)]" in out
    assert "error" not in err and "topics" in err


def test_no_claims_prints_one_line_per_topic(capsys, seed_dir):
    assert main(["content", "list", "--no-claims", "--seeds", str(seed_dir)]) in (0, 1)
    out = capsys.readouterr().out
    assert "    [" not in out
    topics = yaml.safe_load(DEFAULT_CONTENT_PATH.read_text(encoding="utf-8"))["responses"]
    assert len(out.strip().splitlines()) == len(topics)


def test_a_quote_not_in_its_page_fails(tmp_path, capsys, seed_dir):
    path = write_faq(tmp_path, "effects last six to twelve hours")
    assert main(["content", "list", "--path", path, "--seeds", str(seed_dir)]) == 1
    err = capsys.readouterr().err
    assert "x: quote 'effects last six to twelve hours' is not verbatim in a.txt" in err


def test_an_ungrounded_number_fails(tmp_path, capsys, seed_dir):
    path = write_faq(
        tmp_path,
        "effects are short-lived for most people",
        "Effects last 6 hours. {profile_driving}",
    )
    assert main(["content", "list", "--path", path, "--seeds", str(seed_dir)]) == 1
    assert "number 6 is in the text but in none of its claims" in capsys.readouterr().err


def test_quotes_are_skipped_without_seeds_and_it_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(SEEDS_ENV, str(tmp_path / "none"))
    monkeypatch.setattr("bot.faq.grounding.DEFAULT_SEED_DIRS", ())
    path = write_faq(tmp_path, "not checked without the pages")
    code = main(["content", "list", "--path", path])
    captured = capsys.readouterr()
    assert "quotes were not checked" in captured.err
    assert "not verbatim" not in captured.err
    # The required topics are missing from this one-topic file, so it still fails.
    assert code == 1 and "missing required topic" in captured.err


def test_a_set_profile_value_is_shown_and_an_invalid_profile_fails(tmp_path, capsys, seed_dir):
    path = write_faq(tmp_path, "effects are short-lived for most people")
    profile = tmp_path / "clinic_profile.yml"
    profile.write_text(yaml.safe_dump({"driving": "No driving until the next day."}), "utf-8")
    main(["content", "list", "--path", path, "--profile", str(profile), "--seeds", str(seed_dir)])
    assert '[profile] driving = "No driving until the next day."' in capsys.readouterr().out
    profile.write_text(yaml.safe_dump({"driving": "You are eligible."}), "utf-8")
    code = main(
        ["content", "list", "--path", path, "--profile", str(profile), "--seeds", str(seed_dir)]
    )
    assert code == 1 and "verdict" in capsys.readouterr().err


def test_seed_folder_copy_is_checked_like_the_original(tmp_path, capsys):
    if SEED_DIR is None:
        pytest.skip("seed pages not on this machine")
    copy = tmp_path / "seeds"
    shutil.copytree(SEED_DIR, copy)
    (copy / "002_cd44a42f572144c8.txt").write_text("changed", encoding="utf-8")
    assert main(["content", "list", "--seeds", str(copy)]) == 1
    assert "not verbatim in 002_cd44a42f572144c8.txt" in capsys.readouterr().err


def test_content_fhir_prints_the_questionnaires(capsys):
    assert main(["content", "fhir"]) == 0
    bundle = json.loads(capsys.readouterr().out)
    assert validate_resource(bundle)["type"] == "collection"
    contraindications, phq9, gad7, cssrs = [entry["resource"] for entry in bundle["entry"]]
    assert {r["resourceType"] for r in (contraindications, phq9, gad7, cssrs)} == {"Questionnaire"}
    assert [item["linkId"] for item in contraindications["item"]] == default_questions().ids
    assert (len(phq9["item"]), len(gad7["item"]), len(cssrs["item"])) == (9, 7, 7)
