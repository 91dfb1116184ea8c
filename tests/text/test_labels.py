import pytest

from transcript_analyzer.text.labels import normalise_label, role_from_label


@pytest.mark.parametrize("label,role", [
    ("Therapist", "therapist"), ("T", "therapist"), ("THERAPIST", "therapist"), ("Counsellor", "therapist"),
    ("counselor", "therapist"), ("T1", "therapist"), ("Client", "client"), ("C", "client"),
    ("Client 2", "client"), ("Partner B", "client"), ("patient", "client"), ("Dr. Lee", None),
    ("SPEAKER_00", None), ("Mary", None), ("Maya", None), ("Tom", None), ("Client ID", None),
])
def test_role_from_label(label, role):
    assert role_from_label(label) == role


def test_normalise_label():
    assert normalise_label("  Client_2 ") == "client"
    assert normalise_label("Partner-A") == "partner"
    assert normalise_label("Mary") == "mary"
