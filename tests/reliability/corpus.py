"""The bad-input corpus: malformed evidence, rulesets and governance, one case each.

Every case starts from a copy of ``tests/fixtures/mini`` (plus a small local
ruleset ``local.yaml`` extending the default) and breaks one thing.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

Edit = Callable[[Path], None]

LOCAL_RULESET = """kind: csprules/ruleset
version: 1
name: local
ruleset_version: "0.1"
extends: default
criteria:
  harm:
    weight: 4
"""

GOVERNANCE = """kind: csprules/governance
version: 1
groups:
  - id: board
    name: Mini CSP Board
    tier: board
  - id: asb-group
    name: ASB Group
    tier: delivery_group
    parents: [board]
ownership:
  - {theme: asb, group: asb-group, role: lead}
"""


@dataclass(frozen=True)
class Case:
    name: str
    edit: Edit
    args: tuple[str, ...]
    """CLI arguments; ``{dir}`` is the case folder."""
    code: int
    message: str
    """The exact last line of stderr; ``{dir}`` is the case folder."""


def replace(file: str, old: str, new: str) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def write(file: str, content: str | bytes) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / file
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return edit


def remove(file: str) -> Edit:
    def edit(folder: Path) -> None:
        (folder / file).unlink()

    return edit


def both(*edits: Edit) -> Edit:
    def edit(folder: Path) -> None:
        for e in edits:
            e(folder)

    return edit


def big_file(file: str, size: int) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / file
        head = path.read_text(encoding="utf-8")
        with path.open("a", encoding="utf-8") as handle:
            handle.write(head.splitlines()[-1] + "\n")
            line = "tno,actual,,2012/13,,1,,padding padding padding padding padding,x\n"
            handle.write(line * (size // len(line) + 1))

    return edit


def workbook_cell(sheet: str, cell: str, value: object) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / "evidence.xlsx"
        book = load_workbook(path)
        book[sheet][cell] = value
        book.save(path)

    return edit


def _zip_of_garbage(path: Path) -> None:
    """A zip whose parts are not XML (an .xlsx renamed from something else, or damaged)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types <<garbage")
        archive.writestr("xl/workbook.xml", "junk")


REC = ("recommend", "{dir}", "-o", "{dir}/out.md")
REC_LOCAL = ("recommend", "{dir}", "--ruleset", "{dir}/local.yaml", "-o", "{dir}/out.md")
REC_XLSX = ("recommend", "{dir}/evidence.xlsx", "-o", "{dir}/out.md")

RULE = """rules:
  - id: local-rule
    description: A local rule.
    when:
      s:
        kind: indicator
        all: [{cond}]
    then:
      - theme: "{{s.theme}}"
        criterion: harm
        points: 1
        text: "local"
    cases:
      - name: silent
        facts: []
        expect: silent
"""

BILLION_LAUGHS = (
    'kind: csprules/drivers\nversion: 1\na: &a ["lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c]\n"
    "drivers: [*d]\n"
)

E, R, G, U = 3, 4, 5, 2

CASES: list[Case] = [
    # ---------------------------------------------------------- evidence CSV
    Case(
        "csv wrong type in per",
        replace(
            "indicators.csv",
            "tno,Total notifiable offences,all-crime,count,,",
            "tno,Total notifiable offences,all-crime,count,many,",
        ),
        REC,
        E,
        "{dir}/indicators.csv:3:5: field 'per': expected a valid integer, unable to parse string as an integer; found 'many'",
    ),
    Case(
        "csv missing required column",
        replace(
            "observations.csv",
            "indicator,series,area,period,base_period,value",
            "indicator,series,area,period,base_period,amount",
        ),
        REC,
        E,
        "{dir}/observations.csv:2:6: unknown column 'amount'; expected one of indicator, series, area, period, base_period, value, of, note, cited\n{dir}/observations.csv:2:1: missing required column 'value'",
    ),
    Case(
        "csv duplicate indicator id",
        replace("indicators.csv", "dv,Domestic", "tno,Domestic"),
        REC,
        E,
        "{dir}/indicators.csv:5: field 'id': duplicate indicator id 'tno' (first defined at {dir}/indicators.csv:3)\n{dir}/observations.csv:9: field 'indicator': expected a known indicator id; found 'dv'\n{dir}/observations.csv:10: field 'indicator': expected a known indicator id; found 'dv'",
    ),
    Case(
        "csv unknown theme",
        replace("indicators.csv", "burglary,Burglary,burglary,", "burglary,Burglary,burglery,"),
        REC,
        E,
        "{dir}/indicators.csv:4: field 'themes': expected a known theme id; found 'burglery' (did you mean 'burglary'?)",
    ),
    Case(
        "csv unknown indicator",
        replace("observations.csv", "burglary,actual,,2015/16", "burglry,actual,,2015/16"),
        REC,
        E,
        "{dir}/observations.csv:8: field 'indicator': expected a known indicator id; found 'burglry' (did you mean 'burglary'?)",
    ),
    Case(
        "csv unknown total_of",
        replace(
            "indicators.csv", "count,,financial_year,down,tno,", "count,,financial_year,down,tn,"
        ),
        REC,
        E,
        "{dir}/indicators.csv:4: field 'total_of': expected a known indicator id; found 'tn' (did you mean 'tno'?)",
    ),
    Case(
        "csv negative count",
        replace("observations.csv", ",2015/16,,2100,", ",2015/16,,-2100,"),
        REC,
        E,
        "{dir}/observations.csv:8: field 'value': expected a count of 0 or more for 'burglary'; found -2100",
    ),
    Case(
        "csv NaN",
        replace("observations.csv", ",2015/16,,2100,", ",2015/16,,NaN,"),
        REC,
        E,
        "{dir}/observations.csv:8:6: field 'value': expected a finite number; found 'NaN'",
    ),
    Case(
        "csv infinity",
        replace("observations.csv", ",2015/16,,2100,", ",2015/16,,-inf,"),
        REC,
        E,
        "{dir}/observations.csv:8:6: field 'value': expected a finite number; found '-inf'",
    ),
    Case(
        "csv unparseable period",
        replace("observations.csv", "burglary,actual,,2015/16", "burglary,actual,,2015-2017"),
        REC,
        E,
        "{dir}/observations.csv:8:4: field 'period': expected consecutive years; found '2015-2017'",
    ),
    Case(
        "csv period of another kind",
        replace("observations.csv", "dv,actual,,2014/15", "dv,actual,,2014 Q3"),
        REC,
        E,
        "{dir}/observations.csv:10:4: field 'period': expected an Oct-Sep year like '2014/15'; found '2014 Q3'",
    ),
    Case(
        "csv rank without of is fine but rank 0 is not",
        replace(
            "observations.csv", "tno,comparator,Hackney,2015/16,,27127,,", "tno,rank,,2015/16,,3,0,"
        ),
        REC,
        E,
        "{dir}/observations.csv:6:7: field 'of': expected greater than or equal to 1; found '0'",
    ),
    Case(
        "csv non-UTF-8 bytes",
        write("indicators.csv", b"# csprules indicators 1\nid,label\n\xff\xfe,x\n"),
        REC,
        E,
        "{dir}/indicators.csv:3:1: expected UTF-8 text; found byte 0xff",
    ),
    Case(
        "csv empty file",
        write("observations.csv", ""),
        REC,
        E,
        "{dir}/observations.csv:1:1: expected a first line '# csprules observations 1'; found an empty file",
    ),
    Case(
        "csv unknown format version",
        replace("indicators.csv", "# csprules indicators 1", "# csprules indicators 2"),
        REC,
        E,
        "{dir}/indicators.csv:1:1: unknown indicators format version '2'; supported: 1",
    ),
    Case(
        "csv too many cells",
        replace(
            "observations.csv",
            "burglary,actual,,2015/16,,2100,,,seed:11",
            "burglary,actual,,2015/16,,2100,,,seed:11,extra",
        ),
        REC,
        E,
        "{dir}/observations.csv:8:10: expected 9 columns; found 10",
    ),
    Case(
        "csv duplicate observation",
        replace("observations.csv", "burglary,actual,,2014/15", "burglary,actual,,2015/16"),
        REC,
        E,
        "{dir}/observations.csv:8: field 'period': duplicate observation of 'burglary' (actual, 2015/16); first given at {dir}/observations.csv:7",
    ),
    Case(
        "csv 50 MB file",
        big_file("observations.csv", 50 * 1024 * 1024),
        REC,
        E,
        "{dir}/observations.csv: file is 52429266 bytes; expected at most 20971520 bytes",
    ),
    Case(
        "csv rate without per",
        replace(
            "indicators.csv",
            "dv,Domestic abuse offences,domestic-abuse,count,",
            "dv,Domestic abuse offences,domestic-abuse,rate,",
        ),
        REC,
        E,
        "{dir}/indicators.csv:5:1: a rate needs 'per' (e.g. 1000 for a rate per 1,000 population)",
    ),
    # --------------------------------------------------------- evidence YAML
    Case(
        "yaml missing partnership.yaml",
        remove("partnership.yaml"),
        REC,
        E,
        "{dir}: expected an evidence folder containing partnership.yaml; found none",
    ),
    Case(
        "yaml unknown field",
        replace("partnership.yaml", "  population: 250000", "  populaton: 250000"),
        REC,
        E,
        "{dir}/partnership.yaml:7:14: field 'populaton': unknown field; expected one of area, assessment_date, cited, name, plan_period, population, population_cited (did you mean 'population'?)",
    ),
    Case(
        "yaml wrong type",
        replace("partnership.yaml", "assessment_date: 2016-04-01", "assessment_date: soon"),
        REC,
        E,
        "{dir}/partnership.yaml:6:20: field 'assessment_date': expected a valid date or datetime, input is too short; found 'soon'",
    ),
    Case(
        "yaml syntax error",
        replace(
            "drivers.yaml", "    themes: [burglary, robbery]", "    themes: [burglary, robbery"
        ),
        REC,
        E,
        "{dir}/drivers.yaml:10:15: invalid YAML: expected ',' or ']', but got ':'",
    ),
    Case(
        "yaml billion laughs",
        write("drivers.yaml", BILLION_LAUGHS),
        REC,
        E,
        "{dir}/drivers.yaml:3:4: expected plain YAML; found an anchor or alias (&/*), which csprules does not allow",
    ),
    Case(
        "yaml wrong kind",
        replace("drivers.yaml", "kind: csprules/drivers", "kind: csprules/driver"),
        REC,
        E,
        "{dir}/drivers.yaml:1:7: field 'kind': expected 'kind: csprules/drivers'; found 'csprules/driver'",
    ),
    Case(
        "yaml empty",
        write("consultation.yaml", ""),
        REC,
        E,
        "{dir}/consultation.yaml:1:1: expected a YAML mapping; found an empty file",
    ),
    Case(
        "yaml duplicate consultation id",
        replace(
            "consultation.yaml",
            "      - theme: burglary\n        top_three: 200\n",
            "      - theme: burglary\n        top_three: 200\n  - id: survey-2012\n    source: again\n    method: survey\n",
        ),
        REC,
        E,
        "{dir}/consultation.yaml:14:5: field 'id': duplicate consultation id 'survey-2012'",
    ),
    Case(
        "yaml negative respondents",
        replace("consultation.yaml", "respondents: 1013", "respondents: -5"),
        REC,
        E,
        "{dir}/consultation.yaml:8:18: field 'respondents': expected greater than or equal to 1; found -5",
    ),
    Case(
        "yaml unknown previous theme",
        replace("partnership.yaml", "    - theme: asb", "    - theme: antisocial"),
        REC,
        E,
        "{dir}/partnership.yaml:11:7: field 'theme': expected a known theme id; found 'antisocial' (did you mean 'asb'?)",
    ),
    Case(
        "yaml unknown driver successor",
        replace(
            "drivers.yaml",
            "    valid_to: 2017-03-31",
            "    valid_to: 2017-03-31\n    successor: mopac-8",
        ),
        REC,
        E,
        "{dir}/drivers.yaml:4:5: field 'successor': expected a known driver id; found 'mopac-8' (did you mean 'mopac-7'?)",
    ),
    # -------------------------------------------------------------- workbook
    Case(
        "xlsx bad unit cell",
        workbook_cell("indicators", "D2", "people"),
        REC_XLSX,
        E,
        "{dir}/evidence.xlsx[indicators]!D2: field 'unit': expected 'count', 'rate', 'percentage', 'ratio' or 'score'; found 'people'",
    ),
    Case(
        "xlsx bad value cell",
        workbook_cell("observations", "F3", "loads"),
        REC_XLSX,
        E,
        "{dir}/evidence.xlsx[observations]!F3: field 'value': expected a number or one of blank, 'TBC', 'Not set', 'New indicator', 'Not comparable', 'Data not supplied', 'Restricted'; found 'loads'",
    ),
    Case(
        "xlsx unknown format version",
        workbook_cell("partnership", "B2", 9),
        REC_XLSX,
        E,
        "{dir}/evidence.xlsx[partnership]!B2: field 'format_version': unknown evidence format version 9; supported: 1",
    ),
    Case(
        "xlsx not a workbook",
        write("evidence.xlsx", b"PK\x03\x04 this is not really a zip"),
        REC_XLSX,
        E,
        "{dir}/evidence.xlsx: expected an .xlsx workbook; found a damaged or foreign file (File is not a zip file)",
    ),
    Case(
        "xlsx zip of garbage",
        lambda folder: _zip_of_garbage(folder / "evidence.xlsx"),
        REC_XLSX,
        E,
        "{dir}/evidence.xlsx: expected an .xlsx workbook; found a damaged file (ParseError: not well-formed (invalid token): line 1, column 7)",
    ),
    Case(
        "yaml nested too deep",
        write("consultation.yaml", "kind: csprules/consultation\nversion: 1\nconsultations: "
              + "[" * 200 + "]" * 200 + "\n"),
        REC,
        E,
        "{dir}/consultation.yaml:3:65: expected YAML nested at most 50 levels deep; found deeper nesting",
    ),
    Case(
        "yaml nested too deep in block style",
        write("drivers.yaml", "kind: csprules/drivers\nversion: 1\ndrivers:\n"
              + "".join("  " * i + "- \n" for i in range(1, 400))),
        ("validate", "{dir}"),
        E,
        "{dir}/drivers.yaml:53:101: expected YAML nested at most 50 levels deep; found deeper nesting",
    ),
    Case(
        "folder input is a directory",
        both(remove("drivers.yaml"), lambda folder: (folder / "drivers.yaml").mkdir()),
        REC,
        E,
        "{dir}/drivers.yaml: expected a file; found a directory",
    ),
    # -------------------------------------------------------------- rulesets
    Case(
        "ruleset misspelt field",
        write("local.yaml", LOCAL_RULESET.replace("    weight: 4", "    wieght: 4")),
        REC_LOCAL,
        R,
        "{dir}/local.yaml:8:13: field 'wieght': unknown field; expected one of cap, description, label, weight (did you mean 'weight'?)",
    ),
    Case(
        "ruleset unknown criterion override",
        write("local.yaml", LOCAL_RULESET.replace("  harm:", "  harms:")),
        REC_LOCAL,
        R,
        "{dir}/local.yaml:8:5: field 'criteria': expected a criterion this ruleset or one it extends defines (benchmark, concern, confidence, continuity, drivers, harm, organisational_position, trend, under_reporting, volume, vulnerability), or a new one with label, weight and cap; found unknown criterion 'harms' (did you mean 'harm'?)",
    ),
    Case(
        "ruleset extends escapes the folder",
        write(
            "local.yaml",
            LOCAL_RULESET.replace("extends: default", "extends: ../../../rulesets/default.yaml"),
        ),
        REC_LOCAL,
        R,
        "{dir}/local.yaml:5:10: field 'extends': expected a path inside the ruleset's folder {dir}/ or 'default'; found '../../../rulesets/default.yaml', which is outside it\n{dir}/local.yaml:8:5: field 'criteria': expected a criterion this ruleset or one it extends defines, or a new one with label, weight and cap; found unknown criterion 'harm'",
    ),
    Case(
        "ruleset disables unknown rule",
        write("local.yaml", LOCAL_RULESET + "disable: [harm-very-serios]\n"),
        REC_LOCAL,
        R,
        "{dir}/local.yaml:9:11: field 'disable': expected the id of a rule in this ruleset or one it extends; found unknown rule 'harm-very-serios' (did you mean 'harm-very-serious'?)",
    ),
    Case(
        "ruleset negative weight",
        write("local.yaml", LOCAL_RULESET.replace("weight: 4", "weight: -1")),
        REC_LOCAL,
        R,
        "{dir}/local.yaml:8:13: field 'weight': expected greater than or equal to 0; found -1",
    ),
    Case(
        "ruleset type mismatch",
        write("local.yaml", LOCAL_RULESET + RULE.format(cond='{field: label, op: ">", value: 3}')),
        REC_LOCAL,
        R,
        "{dir}/local.yaml:15:34: rule 'local-rule': field 'label': expected a number field for operator '>'; found 'label', a text field",
    ),
    Case(
        "ruleset impossible condition",
        write(
            "local.yaml",
            LOCAL_RULESET
            + RULE.format(
                cond='{field: latest, op: ">", value: 5}, {field: latest, op: "<", value: 3}'
            ),
        ),
        REC_LOCAL,
        R,
        "{dir}/local.yaml:15:51: rule 'local-rule': field 'latest': expected a condition that can be true; found 'latest < 3', which contradicts 'latest > 5'",
    ),
    Case(
        "ruleset unknown fact field",
        write(
            "local.yaml", LOCAL_RULESET + RULE.format(cond='{field: lattest, op: ">", value: 5}')
        ),
        REC_LOCAL,
        R,
        "{dir}/local.yaml:15:23: rule 'local-rule': field 'lattest': expected a field of indicator facts; found 'lattest' (did you mean 'latest'?)",
    ),
    Case(
        "ruleset anchors",
        write("local.yaml", LOCAL_RULESET.replace("  harm:", "  harm: &h")),
        REC_LOCAL,
        R,
        "{dir}/local.yaml:7:9: expected plain YAML; found an anchor or alias (&/*), which csprules does not allow",
    ),
    Case(
        "ruleset not UTF-8",
        write("local.yaml", b"kind: csprules/ruleset\nname: \xe9\n"),
        REC_LOCAL,
        R,
        "{dir}/local.yaml:2:7: expected UTF-8 text; found byte 0xe9",
    ),
    Case(
        "ruleset empty",
        write("local.yaml", ""),
        REC_LOCAL,
        R,
        "{dir}/local.yaml:1:1: expected a YAML mapping; found an empty file",
    ),
    Case(
        "ruleset python tag refused",
        write("local.yaml", LOCAL_RULESET + "x: !!python/object/apply:os.system ['echo hacked']\n"),
        REC_LOCAL,
        R,
        "{dir}/local.yaml:9:4: expected plain YAML; found the tag 'tag:yaml.org,2002:python/object/apply:os.system', which csprules does not allow",
    ),
    Case(
        "validate a yaml list",
        write("local.yaml", "- kind: csprules/ruleset\n- version: 1\n"),
        ("validate", "{dir}/local.yaml"),
        U,
        "{dir}/local.yaml:1:1: expected a YAML mapping with kind csprules/ruleset or csprules/governance; found a list",
    ),
    Case(
        "validate a yaml scalar",
        write("local.yaml", "just some text\n"),
        ("validate", "{dir}/local.yaml"),
        U,
        "{dir}/local.yaml:1:1: expected a YAML mapping with kind csprules/ruleset or csprules/governance; found a plain value",
    ),
    Case(
        "ruleset weight too large",
        write("local.yaml", LOCAL_RULESET.replace("weight: 4", "weight: 1e308")),
        REC_LOCAL,
        R,
        "{dir}/local.yaml:8:13: field 'weight': expected less than or equal to 1000; found '1e308'",
    ),
    # ------------------------------------------------------------ governance
    Case(
        "governance unknown tier",
        both(
            write("governance.yaml", GOVERNANCE.replace("tier: delivery_group", "tier: delivery"))
        ),
        REC,
        G,
        "{dir}/governance.yaml:9:11: field 'tier': expected one of board, delivery_group, operational, consultation, linked_board; found 'delivery' (did you mean 'delivery_group'?)",
    ),
    Case(
        "governance unknown parent",
        write("governance.yaml", GOVERNANCE.replace("parents: [board]", "parents: [bord]")),
        REC,
        G,
        "{dir}/governance.yaml:10:15: field 'parents': expected a known group id; found 'bord' (did you mean 'board'?)",
    ),
    Case(
        "governance duplicate group",
        write("governance.yaml", GOVERNANCE.replace("id: asb-group", "id: board")),
        REC,
        G,
        "{dir}/governance.yaml:7:9: field 'id': duplicate group id 'board' (first defined at {dir}/governance.yaml:4:9)\n{dir}/governance.yaml:12:25: field 'group': expected a known group id or 'TBC'; found 'asb-group'",
    ),
    Case(
        "governance unknown owner group",
        write("governance.yaml", GOVERNANCE.replace("group: asb-group", "group: asb-grp")),
        REC,
        G,
        "{dir}/governance.yaml:12:25: field 'group': expected a known group id or 'TBC'; found 'asb-grp' (did you mean 'asb-group'?)",
    ),
    Case(
        "governance unknown role",
        write("governance.yaml", GOVERNANCE.replace("role: lead", "role: boss")),
        REC,
        G,
        "{dir}/governance.yaml:12:42: field 'role': expected one of lead, support; found 'boss'",
    ),
    Case(
        "governance cycle",
        write(
            "governance.yaml",
            GOVERNANCE.replace("    tier: board\n", "    tier: board\n    parents: [asb-group]\n"),
        ),
        ("validate", "{dir}/governance.yaml"),
        G,
        "{dir}/governance.yaml:8:5: group 'asb-group': reporting lines form a cycle: asb-group -> board -> asb-group",
    ),
    Case(
        "governance wrong version",
        write("governance.yaml", GOVERNANCE.replace("version: 1", "version: 2")),
        REC,
        G,
        "{dir}/governance.yaml:2:10: field 'version': unknown governance format version 2; supported: 1",
    ),
    # ------------------------------------------------------------------ usage
    Case(
        "usage unknown format",
        lambda folder: None,
        ("recommend", "{dir}", "--format", "docx"),
        U,
        "csprules recommend: argument --format: invalid choice: 'docx' (choose from 'md', 'html', 'pdf', 'json', 'csv', 'xlsx')",
    ),
    Case(
        "usage weight too large",
        lambda folder: None,
        ("recommend", "{dir}", "--weight", "harm=1e308"),
        U,
        "--weight: expected CRITERION=NUMBER (0 to 1000); found 'harm=1e308'",
    ),
    Case(
        "usage bad weight",
        lambda folder: None,
        ("recommend", "{dir}", "--weight", "harm=-2"),
        U,
        "--weight: expected CRITERION=NUMBER (0 to 1000); found 'harm=-2'",
    ),
]
