"""The `lieguan extract` command (db/cli.py): files extracted in the build's
limited worker processes, one error line per bad file, the batch carried on."""

import json
import random
import shutil

from click.testing import CliRunner

from db.build import extract_files
from db.cli import main

SEEDS = ["corpus/seeds/000_cc469a30a0b85147.txt", "corpus/seeds/002_8ecfc175fd86162a.txt"]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_bad_file_is_one_error_line_and_the_batch_goes_on(tmp_path):
    noise = tmp_path / "noise.pdf"
    noise.write_bytes(b"%PDF-1.7\n" + random.Random(3).randbytes(4096))
    result = run("extract", SEEDS[0], str(noise), SEEDS[1], "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {noise}: ")
    assert "Traceback" not in result.stderr
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        "000_cc469a30a0b85147.json", "002_8ecfc175fd86162a.json"]


def test_records_on_stdout_follow_the_order_of_the_arguments(tmp_path):
    # Workers finish in any order (the longer file first here); the output must not.
    long_first = [SEEDS[1], SEEDS[0], SEEDS[1]]
    copies = []
    for number, seed in enumerate(long_first):
        copy = tmp_path / f"{number}_{seed.rsplit('/', 1)[1]}"
        shutil.copyfile(seed, copy)
        copies.append(str(copy))
    result = run("extract", *copies, "--format", "text")
    assert result.exit_code == 0, result.stderr
    headers = [line for line in result.stdout.splitlines() if line.startswith("# ")]
    assert [header.split()[1] for header in headers] == [copy.rsplit("/", 1)[1] for copy in copies]


def test_extract_files_matches_extract_in_process():
    from extract import extract

    [(path, record)] = list(extract_files([SEEDS[0]], workers=1))
    assert path == SEEDS[0]
    assert json.dumps(record.to_json()) == json.dumps(extract(SEEDS[0]).to_json())
