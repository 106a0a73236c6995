"""The one enum ↔ label helper: labels follow the members, and a missing label fails at import."""

from __future__ import annotations

import pytest

from app.disclosure.enums import DocKind, ItemStatus
from app.enum_labels import LabelledEnum, labels
from app.review.enums import PostStatus


def test_members_carry_their_labels_and_stay_strings() -> None:
    assert PostStatus.CONFIRMED.label == "来源单位已确认"
    assert DocKind.NONE.label == "其他"
    assert ItemStatus("superseded").label == "已被新版本替代"
    assert PostStatus.DRAFT == "draft"


def test_a_member_without_a_label_is_refused_when_the_class_is_made() -> None:
    with pytest.raises(ValueError, match="'b'"):
        @labels({"a": "甲"})
        class Pair(LabelledEnum):
            A = "a"
            B = "b"
