import json
import subprocess
import sys

import pytest

from govnews_nlp.cli import main
from tests.conftest import SEED_PATH


def test_extract_prints_one_json_document_per_file(capsys, tmp_path):
    other = tmp_path / "b.txt"
    other.write_text("区委副书记、区长王少勇主持会议。", encoding="utf-8")
    assert main(["extract", str(SEED_PATH), str(other)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["id"] == str(SEED_PATH)
    assert first["source"] == "通州日报"


def test_fields_limits_the_output(capsys):
    assert main(["extract", str(SEED_PATH), "--fields", "source,published_at"]) == 0
    assert json.loads(capsys.readouterr().out) == {"source": "通州日报", "published_at": "2023-02-12T19:15"}


def test_unknown_field_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(SEED_PATH), "--fields", "nonsense"])
    assert exit_info.value.code == 2
    assert "unknown field" in capsys.readouterr().err


def test_missing_file_is_an_input_error_named_on_stderr(capsys, tmp_path):
    missing = tmp_path / "missing.txt"
    assert main(["extract", str(SEED_PATH), str(missing)]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1
    assert str(missing) in captured.err


def test_undecodable_file_is_an_input_error(capsys, tmp_path):
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(b"\xff\xfe\xfd\x80\x81" * 20)
    assert main(["extract", str(garbage)]) == 1
    assert "garbage.bin" in capsys.readouterr().err


def test_stdin_and_pretty_through_the_installed_command():
    result = subprocess.run(
        [sys.executable, "-m", "govnews_nlp.cli", "extract", "-", "--pretty", "--fields", "source"],
        input="来源：新闻联播\n正文".encode("utf-8"), capture_output=True, check=True,
    )
    assert json.loads(result.stdout) == {"source": "新闻联播"}
