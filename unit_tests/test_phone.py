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


def test_gsm7_text_replaces_french_typography():
    text = "Reste dû : 1\u202f234,50\u00a0€ \u2013 merci d\u2019avance « vite »"
    cleaned = phone.gsm7_text(text)
    assert cleaned == 'Reste du : 1 234,50 € - merci d\'avance " vite "'
    assert phone.sms_encoding(text) == phone.UNICODE
    assert phone.sms_encoding(cleaned) == phone.GSM7


def test_gsm7_text_keeps_text_without_look_alike():
    assert phone.gsm7_text("Ж") == "Ж"
    assert phone.gsm7_text(None) == ""


def test_sms_encoding_and_parts_gsm7():
    assert phone.sms_encoding("Bonjour, 12,50 €") == phone.GSM7
    assert phone.sms_parts("") == 0
    assert phone.sms_parts("a" * 160) == 1
    assert phone.sms_parts("a" * 161) == 2
    assert phone.sms_parts("a" * 306) == 2
    assert phone.sms_parts("a" * 307) == 3


def test_sms_extension_characters_count_twice():
    assert phone.sms_length("€€") == 4
    assert phone.sms_parts("€" * 80) == 1
    assert phone.sms_parts("€" * 81) == 2


def test_sms_parts_unicode():
    text = "Ж" * 70
    assert phone.sms_encoding(text) == phone.UNICODE
    assert phone.sms_parts(text) == 1
    assert phone.sms_parts(text + "Ж") == 2
    assert phone.sms_parts("Ж" * 134) == 2
    assert phone.sms_parts("Ж" * 135) == 3


def test_sends_sms_to_consumers_by_default():
    assert phone.sends_sms("consumer", phone.SMS_CONSUMERS)
    assert not phone.sends_sms("professional", phone.SMS_CONSUMERS)
    assert not phone.sends_sms("public_body", phone.SMS_CONSUMERS)
    assert phone.sends_sms("professional", phone.SMS_ALL)
