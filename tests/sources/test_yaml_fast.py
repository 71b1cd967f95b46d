"""libyaml's fast path reads exactly what the pure loader reads, or steps aside.

The pure loader (``parse_yaml_pure``) is the reference: the fast path may
decline any document, but a document it accepts must give the same data, with
the same types, and the same line and column for every value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from csprules.errors import RulesetError
from csprules.sources import yaml_fast
from csprules.sources.yaml_fast import fast_parse
from csprules.sources.yaml_file import parse_yaml, parse_yaml_pure

ROOT = Path(__file__).resolve().parents[2]
REPO_YAML = sorted(
    p for pattern in ("rulesets/*.yaml", "examples/*/*.yaml", "csprules/data/*.yaml",
                      "tests/**/*.yaml")
    for p in ROOT.glob(pattern)
)

needs_libyaml = pytest.mark.skipif(not yaml_fast.available(), reason="PyYAML without libyaml")


def typed(value: Any) -> Any:
    """``value`` with every scalar tagged by its type, so True != 1 != 1.0."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def pure(text: str) -> tuple[Any, dict[Any, tuple[int, int]]]:
    doc = parse_yaml_pure(text, "f.yaml", RulesetError)
    return typed(doc.data), doc.locations


@needs_libyaml
@pytest.mark.parametrize("path", REPO_YAML, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_in_the_repository_reads_the_same_and_fast(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        expected = pure(text)
    except RulesetError:
        assert fast_parse(text) is None  # a deliberately bad fixture
        return
    fast = fast_parse(text)
    assert fast is not None, "the fast path declined a plain file"
    assert (typed(fast[0]), fast[1]) == expected
    assert list(fast[1]) == list(expected[1])


def test_the_repository_has_yaml_to_compare() -> None:
    assert len(REPO_YAML) >= 20


@needs_libyaml
def test_ampersands_and_stars_in_text_stay_on_the_fast_path() -> None:
    text = "themes:\n  - label: Drugs & alcohol\n    note: '*priority*'\n"
    fast = fast_parse(text)
    assert fast is not None
    assert fast[0] == {"themes": [{"label": "Drugs & alcohol", "note": "*priority*"}]}
    assert fast[1][("themes", 0, "note")] == (3, 11)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\nb: &x 2\nc: *x\n",
         "f.yaml:2:4: expected plain YAML; found an anchor or alias (&/*), "
         "which csprules does not allow"),
        ("a: 1\nb: *x\n",
         "f.yaml:2:4: expected plain YAML; found an anchor or alias (&/*), "
         "which csprules does not allow"),
        ("a:\n  b: !!python/object:os.system x\n",
         "f.yaml:2:6: expected plain YAML; found the tag 'tag:yaml.org,2002:python/object:"
         "os.system', which csprules does not allow"),
        ("a: 1\na: 2\n", "f.yaml:2:1: duplicate key 'a'"),
        ("? [a]\n: 1\n", "f.yaml:1:3: expected a plain key; found a complex key"),
        ("", "f.yaml:1:1: expected a YAML mapping; found an empty file"),
        ("a: 1\n--- \nb: 2\n", "f.yaml:2:1: invalid YAML: but found another document"),
        # libyaml would take each of these; PyYAML refuses them.
        ("a: b\t\n", "f.yaml:1:5: invalid YAML: found character '\\t' that cannot start any token"),
        ("k: |#\n", "f.yaml:1:5: invalid YAML: expected chomping or indentation indicators, "
         "but found '#'"),
        ("a: [b?, c]\n", "f.yaml:1:6: invalid YAML: expected ',' or ']', but got '?'"),
    ],
)
def test_refused_documents_get_the_pure_loaders_message(text: str, message: str) -> None:
    assert fast_parse(text) is None
    with pytest.raises(RulesetError) as fast_error:
        parse_yaml(text, "f.yaml", RulesetError)
    assert str(fast_error.value) == message


def test_without_libyaml_the_pure_loader_reads_everything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yaml_fast, "_CLoader", None)
    text = "a:\n  - 1\n  - x\n"
    assert fast_parse(text) is None
    doc = parse_yaml(text, "f.yaml", RulesetError)
    assert doc.data == {"a": [1, "x"]}
    assert doc.locations[("a", 1)] == (3, 5)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["Drugs & alcohol", "*", "&x", "a: b", "- x", "#c", "yes", "~", "2016-04-01",
                     "1e3", "0x1f", "'q'", '"', "multi\nline", "  lead", "tab\there"]),
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=6), inner, max_size=4),
    ),
    max_leaves=20,
)


@needs_libyaml
@settings(max_examples=300, deadline=None)
@given(tree=st.dictionaries(st.text(min_size=1, max_size=6), trees, min_size=1, max_size=4),
       flow=st.sampled_from([None, True, False]), width=st.sampled_from([12, 80]))
def test_dumped_data_reads_the_same_both_ways(tree: dict[str, Any], flow: bool | None,
                                              width: int) -> None:
    text = yaml.safe_dump(tree, default_flow_style=flow, width=width, allow_unicode=True)
    fast = fast_parse(text)
    if fast is None:
        # The only documents a dumper writes that the fast path passes on.
        assert "?" in text or "\t" in text
        return
    assert (typed(fast[0]), fast[1]) == pure(text)


@needs_libyaml
@settings(max_examples=3000, deadline=None)
@given(text=st.lists(st.sampled_from([*"ab1.:- \n#&*!|>'\"[]{},?%@\t~\r", "  ", "x: "]),
                    max_size=30).map("".join))
def test_whatever_the_fast_path_accepts_the_pure_loader_accepts_identically(text: str) -> None:
    fast = fast_parse(text)
    if fast is None:
        return
    assert (typed(fast[0]), fast[1]) == pure(text)
