"""The disease names shipped with the code, so a process start does not rebuild them."""

from compliance.rules import vocabulary
from compliance.rules.vocabulary import icd_condition_names, icd_condition_names_build


def test_the_shipped_names_are_those_the_classification_gives():
    # Regenerate with ``make vocabulary`` when this fails.
    assert icd_condition_names() == icd_condition_names_build()


def test_a_stale_file_is_ignored_and_the_names_are_built(tmp_path, monkeypatch):
    stale = tmp_path / "icd_conditions.txt"
    stale.write_text("# simple-icd-10-cm 0.0 vocabulary old\nnot-a-disease\n")
    monkeypatch.setattr(vocabulary, "_SHIPPED", stale)
    names = icd_condition_names.__wrapped__()
    assert "not-a-disease" not in names
    assert "hepatitis" in names


def test_a_missing_file_falls_back_to_building(tmp_path, monkeypatch):
    monkeypatch.setattr(vocabulary, "_SHIPPED", tmp_path / "absent.txt")
    assert "gingivitis" in icd_condition_names.__wrapped__()
