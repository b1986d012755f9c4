"""What a corrected record says changed: nothing for the same record, one line
for one changed item (property tests with hypothesis)."""

from hypothesis import given
from hypothesis import strategies as st

from governance.meeting_services import changes_between

text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
items = st.lists(
    st.tuples(st.text(min_size=1, max_size=20), text), min_size=1, max_size=8
)


def _record(item_rows, attended=("Mark Jones",)):
    return {
        "date_text": "22 February 2007",
        "time_text": "",
        "place": "",
        "recorded_by": "Mark Jones",
        "recorded_on_text": "23 February 2007",
        "attended": [{"name": name, "mark": ""} for name in attended],
        "apologies": [],
        "copies": [],
        "actions": [],
        "items": [
            {"number": number, "heading": heading, "text": body}
            for number, (heading, body) in enumerate(item_rows, start=2)
        ],
        "next": None,
    }


@given(items)
def test_the_same_record_has_no_changes(rows):
    assert changes_between(_record(rows), _record(rows)) == []


@given(items, st.data())
def test_one_corrected_text_is_one_change(rows, data):
    index = data.draw(st.integers(0, len(rows) - 1))
    new_text = data.draw(text.filter(lambda value: value != rows[index][1]))
    corrected = list(rows)
    corrected[index] = (rows[index][0], new_text)
    changes = changes_between(_record(rows), _record(corrected))
    assert changes == [f"Item {index + 2} “{rows[index][0]}”: text corrected."]


@given(items)
def test_an_added_attendee_is_named(rows):
    changes = changes_between(
        _record(rows), _record(rows, attended=("Mark Jones", "Lynn Dalton #"))
    )
    assert changes == ["Attended: Lynn Dalton # added."]
