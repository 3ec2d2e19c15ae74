"""SARIF output on real seeds, validated against the official SARIF 2.1.0 schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from govaudit.cli import main
from govaudit.model import FileReport, Finding, Location
from govaudit.report.sarif import to_sarif
from tests.seeds import SEED_000, SEED_003

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def validate(log: dict) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def sarif(*args: str) -> tuple[int, dict]:
    r = CliRunner().invoke(main, ["check", *args, "--format", "sarif", "--no-config"])
    return r.exit_code, json.loads(r.stdout)


@pytest.fixture(scope="module")
def seed_log() -> dict:
    code, log = sarif(str(SEED_000), str(SEED_003))
    assert code == 1
    return log


def test_seed_output_is_valid_sarif_2_1_0(seed_log):
    validate(seed_log)
    assert seed_log["version"] == "2.1.0"


def test_rules_carry_their_metadata(seed_log):
    driver = seed_log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "govaudit"
    rule = next(r for r in driver["rules"] if r["id"] == "GA-SUM-001")
    assert rule["name"] == "合计应等于各分项之和"
    assert rule["shortDescription"]["text"] == "合计应等于各分项之和"
    assert rule["fullDescription"]["text"]  # the rule's explain text
    assert "total == sum(parts)" in rule["help"]["text"]
    assert rule["defaultConfiguration"]["level"] == "error"
    info_rule = next(r for r in driver["rules"] if r["id"] == "GA-SUBJ-002")
    assert info_rule["defaultConfiguration"]["level"] == "note"


def test_the_known_finding_has_its_line_columns_and_fingerprint(seed_log):
    run = seed_log["runs"][0]
    res = next(
        r
        for r in run["results"]
        if r["ruleId"] == "GA-SUM-001"
        and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 85
    )
    assert res["level"] == "error"
    assert "575.15" in res["message"]["text"] and "551.08" in res["message"]["text"]
    phys = res["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"]["uri"].endswith("000_ee64df1db50c45f3.txt")
    region = phys["region"]
    line = region["snippet"]["text"]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "575.15万元"
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "GA-SUM-001"
    # the same fingerprint as the JSON contract's
    r = CliRunner().invoke(
        main, ["check", str(SEED_000), "--format", "json", "--select", "GA-SUM", "--no-config"]
    )
    fp = next(
        f["fingerprint"] for f in json.loads(r.stdout)["files"][0]["findings"] if f["line"] == 85
    )
    assert res["partialFingerprints"]["govaudit/v1"] == fp


def test_unreadable_file_and_english(tmp_path):
    code, log = sarif(str(tmp_path / "missing.txt"), str(SEED_003), "--lang", "en")
    assert code == 2
    validate(log)
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert "file not found" in inv["toolExecutionNotifications"][0]["message"]["text"]
    assert log["runs"][0]["language"] == "en-US"
    res = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "GA-SUM-001")
    assert "sum of parts" in res["message"]["text"] and "expected 542.38" in res["message"]["text"]


def test_severity_override_is_a_configuration_override():
    code, log = sarif(str(SEED_003), "--select", "GA-SUM", "--severity", "GA-SUM-001=warning")
    validate(log)
    run = log["runs"][0]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "GA-SUM-001")
    assert rule["defaultConfiguration"]["level"] == "error"  # the rule's own default
    (override,) = run["invocations"][0]["ruleConfigurationOverrides"]
    assert override["descriptor"]["id"] == "GA-SUM-001"
    assert override["configuration"]["level"] == "warning"
    assert {r["level"] for r in run["results"] if r["ruleId"] == "GA-SUM-001"} == {"warning"}
    assert code == 0


def test_pdf_page_locations_have_no_region_but_a_page():
    """A PDF finding has a page, not a line: physicalLocation.properties.page and a logical
    location of kind "page"; docx paragraphs are logical locations too."""
    f_pdf = Finding(
        rule="GA-SUM-001",
        severity="error",
        title="合计应等于各分项之和",
        message="m",
        loc=Location(page=3),
        fingerprint="abc",
        highlights=("575.15万元",),
    )
    f_docx = Finding(
        rule="GA-SUM-001",
        severity="warning",
        title="t",
        message="m",
        loc=Location(paragraph=12),
        fingerprint="def",
        suppressed=True,
        suppression_reason="已核实：原表如此",
    )
    reports = [
        FileReport(path="决算.pdf", findings=[f_pdf]),
        FileReport(path="/abs/决算.docx", findings=[f_docx]),
    ]
    log = to_sarif(reports, [])
    validate(log)
    r1, r2 = log["runs"][0]["results"]
    phys = r1["locations"][0]["physicalLocation"]
    assert "region" not in phys and phys["properties"]["page"] == 3
    assert r1["locations"][0]["logicalLocations"] == [{"name": "第3页", "kind": "page"}]
    assert phys["artifactLocation"]["uri"] == "%E5%86%B3%E7%AE%97.pdf"
    assert r2["locations"][0]["logicalLocations"][0]["kind"] == "paragraph"
    assert r2["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith(
        "file:///abs/"
    )
    assert r2["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "已核实：原表如此"}
    ]


def test_a_folder_scan_notes_the_skipped_files_and_each_file_s_verdict(tmp_path):
    (tmp_path / "a.txt").write_bytes(SEED_003.read_bytes())
    (tmp_path / "扫描件.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    code, log = sarif(str(tmp_path))
    assert code == 1
    validate(log)
    run = log["runs"][0]
    assert [a["properties"]["verdict"] for a in run["artifacts"]] == ["error"]
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "note" and "扫描件.png" in note["message"]["text"]
