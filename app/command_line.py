"""What the stand-alone file commands (`check`, `redact`) share: a sub-command bound to its handler,
and one-line fields for their tab-separated output."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
                handler: Callable[[argparse.Namespace], int], help_text: str,
                description: str) -> argparse.ArgumentParser:
    """The sub-command `name`; main() calls `handler(args)` and exits with what it returns."""
    parser = sub.add_parser(name, help=help_text, description=description)
    parser.set_defaults(handler=handler)
    return parser


def one_line(value: str) -> str:
    # One item per line, tab-separated: a tab or line break inside a field would break the format.
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")
