"""The shared `export` command: `govinfo-desk export WHAT …`.

Several features export something (registers, letters, the annual report), so `export` is one
command with a nested subcommand per kind of output; each feature adds its own subcommand
through these accessors instead of creating `export` again (argparse refuses a repeated name).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias
from weakref import WeakKeyDictionary

if TYPE_CHECKING:  # argparse's action class is generic only for type checkers
    SubParsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]

# Keyed by the top-level subparsers object: every build_parser() call (tests build many) gets
# its own nested parsers, and a finished parser does not keep them alive.
_EXPORT: WeakKeyDictionary[SubParsers, SubParsers] = WeakKeyDictionary()
_REGISTER: WeakKeyDictionary[SubParsers, SubParsers] = WeakKeyDictionary()


def export_subparsers(sub: SubParsers) -> SubParsers:
    """The subcommands of `export` (created with the `export` command on first use)."""
    nested = _EXPORT.get(sub)
    if nested is None:
        parser = sub.add_parser("export", help="导出登记台账、文书、年度报告等")
        nested = parser.add_subparsers(dest="what", metavar="内容", required=True)
        _EXPORT[sub] = nested
    return nested


def export_register_subparsers(sub: SubParsers) -> SubParsers:
    """The subcommands of `export register` (requests, disclosures, …)."""
    nested = _REGISTER.get(sub)
    if nested is None:
        parser = export_subparsers(sub).add_parser("register", help="导出登记台账（Excel）")
        nested = parser.add_subparsers(dest="register_kind", metavar="台账", required=True)
        _REGISTER[sub] = nested
    return nested


def add_year_export(nested: SubParsers, name: str, handler: Callable[[argparse.Namespace], int], *,
                    help_text: str, year_help: str, output_help: str,
                    year_required: bool = True) -> argparse.ArgumentParser:
    """`export [register] NAME --year Y -o FILE`: the shape every yearly register and report shares."""
    parser = nested.add_parser(name, help=help_text)
    parser.add_argument("--year", type=int, required=year_required, help=year_help)
    parser.add_argument("-o", "--output", required=True, help=output_help)
    parser.set_defaults(handler=handler)
    return parser
