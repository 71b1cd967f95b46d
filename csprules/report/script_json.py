"""JSON that is safe inside an HTML ``<script type="application/json">`` element.

Inside a script element the HTML parser, not JSON, decides where the element
ends: ``</script>`` ends it, and ``<!--`` followed by ``<script`` switches the
parser into a state where the real ``</script>`` no longer does, which stops
the report's own script.  Writing ``<``, ``>`` and ``&`` as ``\\u003c``,
``\\u003e`` and ``\\u0026`` (and U+2028/U+2029, which old JavaScript parsers
read as line breaks) leaves the data exactly as it was for ``JSON.parse``.
"""

from __future__ import annotations

import json

from csprules.report.hygiene import json_safe

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
            "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: object) -> str:
    """``data`` as JSON with no character that HTML could read as markup.

    >>> script_json({"t": "<!--<script>&\\u2028"})
    '{"t": "\\\\u003c!--\\\\u003cscript\\\\u003e\\\\u0026\\\\u2028"}'
    >>> json.loads(script_json({"t": "<!--<script>&\\u2028"}))["t"] == "<!--<script>&\\u2028"
    True
    """
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return json_safe("".join(_ESCAPES.get(ch, ch) for ch in text))
