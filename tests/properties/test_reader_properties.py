"""Readers never raise anything but the project's own input error, whatever the bytes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from govaudit.check import check_document, load_rules
from govaudit.errors import InputError
from govaudit.readers.text import read_text


@given(st.binary(max_size=4000))
def test_arbitrary_bytes_read_or_fail_cleanly(data):
    try:
        read_text("fuzz.txt", data)
    except InputError:
        pass


RULES = load_rules()


@given(
    st.text(
        alphabet=st.sampled_from(
            list("0123456789.,，。；：（）()%万元其中占增加减少增长下降\t\n |、第一二三部分")
        ),
        max_size=3000,
    )
)
def test_arbitrary_text_through_the_whole_pipeline(text):
    rules = RULES
    try:
        doc = read_text("fuzz.txt", text.encode("utf-8"))
    except InputError:
        return
    check_document(doc, rules)
