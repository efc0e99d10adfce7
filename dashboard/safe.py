"""Untrusted text made safe for Streamlit's markdown (no Streamlit here).

Article text and names reach a page only as dataframe cells, as `st.text`, or through `md`,
which backslash-escapes every ASCII punctuation mark, so no HTML, link, image, directive or
code can come from the text.
"""

from __future__ import annotations

import re
import string

_MD_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")


def md(text: object) -> str:
    """Text that st.markdown shows literally: every ASCII punctuation mark backslash-escaped
    and whitespace collapsed (so no line can start a heading, list, quote or code block).

    >>> md("[click](javascript:alert(1)) <b>*x*</b>\\n# h")
    '\\\\[click\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\) \\\\<b\\\\>\\\\*x\\\\*\\\\<\\\\/b\\\\> \\\\# h'
    """
    return md_inline(text).strip()


def md_inline(text: object) -> str:
    """Like `md` but keeping a leading or trailing space (for text cut around highlights)."""
    return re.sub(r"\s+", " ", _MD_SPECIAL.sub(r"\\\1", str(text)))
