import qrcode
from hypothesis import given
from hypothesis import strategies as st

from conference.badges import tokens

SECRET = b"a-secret-for-tests"


def test_payload_round_trips_to_its_key():
    key = tokens.new_key()
    assert tokens.key_from_payload(tokens.payload(key, SECRET), SECRET) == key


def test_payload_typed_in_lower_case_or_with_spaces_is_accepted():
    key = tokens.new_key()
    typed = "  " + tokens.payload(key, SECRET).lower() + "\n"
    assert tokens.key_from_payload(typed, SECRET) == key


def test_payload_signed_with_another_secret_is_refused():
    key = tokens.new_key()
    assert tokens.key_from_payload(tokens.payload(key, b"another"), SECRET) is None


def test_payload_with_one_character_changed_is_refused():
    good = tokens.payload(tokens.new_key(), SECRET)
    forged = good[:-1] + ("A" if good[-1] != "A" else "B")
    assert tokens.key_from_payload(forged, SECRET) is None


@given(st.text())
def test_arbitrary_scans_are_refused_without_error(scanned):
    assert tokens.key_from_payload(scanned, SECRET) is None


def test_keys_are_unguessable_and_distinct():
    keys = {tokens.new_key() for _ in range(1000)}
    assert len(keys) == 1000
    assert all(len(key) == 16 for key in keys)


def test_payload_fits_a_small_alphanumeric_qr_code():
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(tokens.payload(tokens.new_key(), SECRET))
    code.make(fit=True)
    assert code.version == 2
    assert code.data_list[0].mode == qrcode.util.MODE_ALPHA_NUM
