import pytest

from recouvrement_amiable.rules import phone


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        (["06 12 34 56 78"], "+33612345678"),
        (["+33 7 81 23 45 67"], "+33781234567"),
        (["0033612345678"], "+33612345678"),
        ([False, "06.12.34.56.78"], "+33612345678"),
        (["01 42 68 53 00", "06 12 34 56 78"], "+33612345678"),  # the landline is skipped
        (["01 42 68 53 00"], None),
        (["06 12 34"], None),
        (["not a number"], None),
        ([None, ""], None),
        ([], None),
    ],
)
def test_mobile_e164(numbers, expected):
    assert phone.mobile_e164(numbers) == expected


def test_foreign_region():
    assert phone.mobile_e164(["0470 12 34 56"], "BE") == "+32470123456"
    assert phone.mobile_e164(["+32 470 12 34 56"]) == "+32470123456"
