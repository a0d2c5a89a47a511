"""Product photos: accepted by what the bytes are, never by the file's name.

Pillow must recognise and verify the content as a JPEG, PNG or WebP image of a sane size; the
photo is then re-encoded (turned upright, at most ``MAX_SIDE`` pixels a side, without its
metadata: no camera GPS position leaks to the public page), so that what the app stores and
serves is an image it wrote itself. Plain bytes in and out, no Flask.
"""

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 1600
# Refused before decoding: a small file can unpack into gigabytes (a decompression bomb).
MAX_PIXELS = 40_000_000
# format Pillow detects → (extension, MIME type) of what we store
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}


class PhotoError(ValueError):
    """A refused upload. Reasons: ``empty``, ``too_large`` (``limit`` in bytes),
    ``not_image``, ``unsupported_format`` (``format``), ``too_many_pixels``."""

    def __init__(self, reason: str, **data: object):
        super().__init__(reason, data)
        self.reason = reason
        self.data = data


@dataclass(frozen=True)
class Photo:
    content: bytes
    extension: str
    mimetype: str
    width: int
    height: int


def _detect(data: bytes) -> str:
    """Return the image format after Pillow has verified the whole file."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                image_format, pixels = probe.format, probe.width * probe.height
                probe.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoError("too_many_pixels") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise PhotoError("not_image") from error
    if pixels > MAX_PIXELS:
        raise PhotoError("too_many_pixels")
    return image_format


def prepare_photo(data: bytes, max_bytes: int = MAX_BYTES) -> Photo:
    """Check an upload and return it re-encoded, or raise PhotoError."""
    if not data:
        raise PhotoError("empty")
    if len(data) > max_bytes:
        raise PhotoError("too_large", limit=max_bytes)
    image_format = _detect(data)
    if image_format not in FORMATS:
        raise PhotoError("unsupported_format", format=image_format)
    try:
        with Image.open(io.BytesIO(data)) as image:
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((MAX_SIDE, MAX_SIDE))
            keeps_alpha = image_format != "JPEG" and upright.mode in ("RGBA", "LA", "P")
            upright = upright.convert("RGBA" if keeps_alpha else "RGB")
            output = io.BytesIO()
            if image_format == "JPEG":
                upright.save(output, "JPEG", quality=85, optimize=True)
            elif image_format == "PNG":
                upright.save(output, "PNG", optimize=True)
            else:
                upright.save(output, "WEBP", quality=85)
    except (OSError, ValueError) as error:  # verified, yet truncated data fails on decoding
        raise PhotoError("not_image") from error
    extension, mimetype = FORMATS[image_format]
    return Photo(output.getvalue(), extension, mimetype, upright.width, upright.height)
