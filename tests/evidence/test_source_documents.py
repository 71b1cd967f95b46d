"""``sources.yaml``: the cited documents named, validated and located, and gaps found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from csprules import assess, load_evidence, load_ruleset
from csprules.errors import EvidenceError
from csprules.evidence.cited import cited_documents, undocumented_sources
from csprules.evidence.source_documents import SourceDocument

ROOT = Path(__file__).resolve().parents[2]
HEADER = "kind: csprules/sources\nversion: 1\n"


def _folder(tmp_path: Path, sources: str | None) -> Path:
    folder = tmp_path / "hv"
    shutil.copytree(ROOT / "examples" / "havering-2017", folder)
    (folder / "sources.yaml").unlink()
    if sources is not None:
        (folder / "sources.yaml").write_text(sources, encoding="utf-8")
    return folder


def _errors(folder: Path) -> list[str]:
    with pytest.raises(EvidenceError) as info:
        load_evidence(folder)
    return [str(p).split("sources.yaml:", 1)[1] for p in info.value.problems]


def test_shipped_example_names_its_document_as_the_seed_prints_it() -> None:
    evidence = load_evidence(ROOT / "examples" / "tower-hamlets-2016")
    assert evidence.source_documents == (SourceDocument(
        document="003_a825832bf6e36b8c.txt",
        title="Tower Hamlets Community Safety Partnership Plan 2013-2016, Year 4 (2016/17)",
        publisher="Tower Hamlets Community Safety Partnership", date="2016"),)
    assert undocumented_sources(evidence) == []


@pytest.mark.parametrize("example", ["ealing-2012", "havering-2017", "tower-hamlets-2008",
                                     "tower-hamlets-2016", "wandsworth-2012"])
def test_every_transcribed_example_names_every_document_it_cites(example: str) -> None:
    evidence = load_evidence(ROOT / "examples" / example)
    assert evidence.source_documents is not None
    assert undocumented_sources(evidence) == []
    assert all(d.url is None for d in evidence.source_documents)  # no seed prints a link


def test_dates_keep_the_precision_the_document_gives(tmp_path: Path) -> None:
    folder = _folder(tmp_path, HEADER + "documents:\n"
                     "  - {document: a.txt, title: A, date: 2017}\n"
                     "  - {document: b.txt, title: B, date: 2017-04}\n"
                     "  - {document: c.txt, title: ' C ', date: 2017-04-03,"
                     " url: 'https://example.org/c.pdf'}\n")
    got = load_evidence(folder).source_documents
    assert got is not None
    assert [(d.title, d.date, d.url) for d in got] == [
        ("A", "2017", None), ("B", "2017-04", None), ("C", "2017-04-03", "https://example.org/c.pdf"),
    ]


def test_bad_entries_are_located_with_did_you_mean(tmp_path: Path) -> None:
    folder = _folder(tmp_path, HEADER + "documents:\n"
                     "  - document: a.txt\n"
                     "    titel: Plan\n"
                     "    date: March 2017\n"
                     "    url: www.example.org\n")
    assert _errors(folder) == [
        "4:5: field 'title': required field is missing",
        "6:11: field 'date': expected a date as YYYY, YYYY-MM or YYYY-MM-DD; found 'March 2017'",
        "7:10: field 'url': expected a link starting http:// or https://; found "
        "'www.example.org'",
        "5:12: field 'titel': unknown field; expected one of date, document, publisher, title, "
        "url (did you mean 'title'?)",
    ]
    with pytest.raises(EvidenceError) as info:
        load_evidence(folder)
    assert info.value.problems[-1].suggestion == "title"
    assert str(info.value.problems[0].location).endswith("hv/sources.yaml:4:5")


def test_unknown_top_level_key_and_version(tmp_path: Path) -> None:
    assert _errors(_folder(tmp_path / "a", HEADER + "document: []\n")) == [
        "3:11: field 'document': unknown field; expected one of documents, kind, version (did "
        "you mean 'documents'?)",
    ]
    assert _errors(_folder(tmp_path / "b", "kind: csprules/sources\nversion: 2\n")) == [
        "2:10: field 'version': unknown sources format version 2; supported: 1",
    ]


def test_a_document_named_twice_is_an_error_at_the_second(tmp_path: Path) -> None:
    folder = _folder(tmp_path, HEADER + "documents:\n"
                     "  - {document: a.txt, title: A}\n"
                     "  - {document: a.txt, title: A again}\n")
    assert _errors(folder) == [
        "5:16: field 'document': expected each document once; 'a.txt' is already named at line 4",
    ]


def test_no_file_means_no_names_and_no_finding(tmp_path: Path) -> None:
    evidence = load_evidence(_folder(tmp_path, None))
    assert evidence.source_documents is None
    assert undocumented_sources(evidence) == []
    assert cited_documents(evidence) == {"004_24ff2e722479ed65.txt": 98}


def test_a_cited_document_without_an_entry_is_a_finding(tmp_path: Path) -> None:
    folder = _folder(tmp_path, HEADER + "documents:\n  - {document: other.txt, title: Other}\n")
    evidence = load_evidence(folder)
    assert undocumented_sources(evidence) == [("004_24ff2e722479ed65.txt", 98)]
    a = assess(evidence, load_ruleset("default"))
    found = [f for f in a.findings if f.kind == "undocumented_source"]
    assert [(f.severity, f.message) for f in found] == [(
        "warning",
        "sources.yaml has no entry for '004_24ff2e722479ed65.txt', which 98 rows cite, so the "
        "paper names it by its file name only: add its title (and publisher and date) there",
    )]
    assert found[0].where is not None
    assert found[0].where.endswith("hv/sources.yaml")


def test_documents_must_be_a_list_of_mappings(tmp_path: Path) -> None:
    assert _errors(_folder(tmp_path / "a", HEADER + "documents: x\n")) == [
        "3:12: field 'documents': expected a list of documents, each with 'document' and "
        "'title'; found 'x'",
    ]
    assert _errors(_folder(tmp_path / "b", HEADER + "documents:\n  - a.txt\n  - [1]\n")) == [
        "4:5: field 'documents': expected a mapping with 'document' and 'title'; found 'a.txt'",
        "5:5: field 'documents': expected a mapping with 'document' and 'title'; found a list",
    ]


def test_an_empty_list_names_nothing_and_the_scaffold_ships_one(tmp_path: Path) -> None:
    from csprules.evidence.scaffold import template_text

    folder = _folder(tmp_path, template_text("sources.yaml"))
    evidence = load_evidence(folder)
    assert evidence.source_documents == ()
    assert undocumented_sources(evidence) == [("004_24ff2e722479ed65.txt", 98)]


def test_a_place_that_is_not_a_line_groups_under_its_document() -> None:
    """``doc (where)`` cites a place in ``doc``: the police.uk importer cites its archive so,
    and a plan cited by its link names the page the same way."""
    from csprules.evidence.source_documents import parse_cited
    assert parse_cited("police.uk street-level (2018-01..2018-12: 12 files, 1,100 rows)") == (
        "police.uk street-level", None, "2018-01..2018-12: 12 files, 1,100 rows")
    assert parse_cited("https://example.org/plan (contents: Fraud, p.10)") == (
        "https://example.org/plan", None, "contents: Fraud, p.10")
    assert parse_cited("a.txt:12") == ("a.txt", 12, None)
    assert parse_cited("Plan (draft) (p.4)") == ("Plan (draft) (p.4)", None, None)


def test_the_imported_city_cites_one_archive_and_links_need_no_entry() -> None:
    evidence = load_evidence("examples/city-of-london-2019")
    docs = cited_documents(evidence)
    assert [d for d in docs if not d.startswith("https://")] == ["police.uk street-level"]
    # The hand-written drivers cite their pages by link: nothing to name.
    assert undocumented_sources(evidence) == []
