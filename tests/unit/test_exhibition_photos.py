import io

import pytest
from PIL import Image

from conference.exhibition.photos import MAX_SIDE, PhotoError, prepare_photo


def image_bytes(image_format: str, size=(64, 48), mode="RGB", **save) -> bytes:
    output = io.BytesIO()
    Image.new(mode, size, "#c8102e").save(output, image_format, **save)
    return output.getvalue()


@pytest.mark.parametrize(
    ("image_format", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")]
)
def test_images_are_accepted_and_re_encoded(image_format, extension):
    photo = prepare_photo(image_bytes(image_format))

    assert photo.extension == extension
    assert (photo.width, photo.height) == (64, 48)
    with Image.open(io.BytesIO(photo.content)) as again:
        assert again.format == image_format


def test_a_text_file_named_like_a_photo_is_refused_by_content():
    with pytest.raises(PhotoError) as caught:
        prepare_photo(b"<?php system($_GET['c']); ?>  pretending to be photo.jpg")

    assert caught.value.reason == "not_image"


def test_a_jpeg_header_with_nothing_behind_it_is_refused():
    truncated = image_bytes("JPEG", size=(400, 300))[:200]

    with pytest.raises(PhotoError) as caught:
        prepare_photo(truncated)

    assert caught.value.reason == "not_image"


def test_an_image_format_we_do_not_serve_is_refused():
    with pytest.raises(PhotoError) as caught:
        prepare_photo(image_bytes("GIF", mode="P"))

    assert (caught.value.reason, caught.value.data) == ("unsupported_format", {"format": "GIF"})


def test_an_oversized_file_is_refused_before_it_is_read():
    with pytest.raises(PhotoError) as caught:
        prepare_photo(image_bytes("PNG"), max_bytes=100)

    assert caught.value.reason == "too_large"
    assert caught.value.data == {"limit": 100}


def test_an_empty_upload_is_refused():
    with pytest.raises(PhotoError) as caught:
        prepare_photo(b"")

    assert caught.value.reason == "empty"


def test_a_decompression_bomb_is_refused_without_decoding_it():
    # 12,000 × 12,000 pixels of one colour compress into a few hundred kilobytes.
    bomb = image_bytes("PNG", size=(12_000, 12_000), mode="1")

    with pytest.raises(PhotoError) as caught:
        prepare_photo(bomb)

    assert caught.value.reason == "too_many_pixels"


def test_a_large_photo_is_scaled_down_and_loses_its_metadata():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    photo = prepare_photo(image_bytes("JPEG", size=(3200, 2400), exif=exif.tobytes()))

    assert (photo.width, photo.height) == (MAX_SIDE, MAX_SIDE * 3 // 4)
    with Image.open(io.BytesIO(photo.content)) as again:
        assert dict(again.getexif()) == {}
