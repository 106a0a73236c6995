"""External links (外部链接): inspections veto links to illegal sites, so every link must lead to an allowed host."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .findings import Finding, make_finding

_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
# No \b: in Python's Unicode regexes a Han character is a word character, so "见http://…" has no
# word boundary before "h". The look-behind keeps "abc.www.x" and "xhttp://" out instead.
LINK = re.compile(
    r"(?i)(?<![A-Za-z0-9.\-])(?:https?://" + _URL_CHARS + "+"
    r"|www\.[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+(?:[/?#]" + _URL_CHARS + "*)?)"
)
_TRAILING = ".,;:!?'\"*"


def _trim(url: str) -> str:
    """Drop sentence punctuation after a link, and a closing bracket that the link did not open."""
    while url:
        last = url[-1]
        if (
            last in _TRAILING
            or (last == ")" and url.count("(") < url.count(")"))
            or (last == "]" and url.count("[") < url.count("]"))
        ):
            url = url[:-1]
        else:
            break
    return url


def link_host(url: str) -> str:
    """The lower-case host name of a link found by LINK ('' when there is none)."""
    rest = re.sub(r"(?i)^https?://", "", url)
    authority = re.split(r"[/?#\\]", rest, maxsplit=1)[0]
    host = authority.rsplit("@", 1)[-1]  # http://www.gov.cn@evil.example goes to evil.example
    if host.startswith("["):  # IPv6 literal
        return host.split("]", 1)[0] + "]" if "]" in host else host
    return host.split(":", 1)[0].lower().rstrip(".")


def host_allowed(host: str, allowed: Iterable[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in allowed)


def find_links(text: str, allowed: tuple[str, ...]) -> list[Finding]:
    findings: list[Finding] = []
    for m in LINK.finditer(text):
        url = _trim(m.group())
        host = link_host(url)
        if not host or host_allowed(host, allowed):
            continue
        findings.append(
            make_finding(
                "link",
                text,
                m.start(),
                m.start() + len(url),
                f"链接域名“{host}”不在允许链接的域名清单内，请核实是否为合规来源",
            )
        )
    return findings
