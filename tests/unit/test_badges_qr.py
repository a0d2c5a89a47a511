import base64
import io

import pdfplumber
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from conference.badges import tokens
from conference.badges.qr import QUIET_ZONE, draw_qr, qr_modules

TOKEN = "eyJkIjo0Mn0.Z8kq1A.pW3v6c2rVq2JcN8x9L1bHk0yT4uQeRsI7aGfDmZo5nY"


def rasterize(modules, scale: int = 4) -> Image.Image:
    image = Image.new("L", (modules.size * scale, modules.size * scale), 255)
    for row, column, length in modules.dark_runs:
        image.paste(0, (column * scale, row * scale, (column + length) * scale, (row + 1) * scale))
    return image


def test_qr_modules_decode_back_to_token():
    decoded = zxingcpp.read_barcodes(rasterize(qr_modules(TOKEN)))

    assert [result.text for result in decoded] == [TOKEN]
    assert decoded[0].format == zxingcpp.BarcodeFormat.QRCode
    assert decoded[0].ec_level == "M"


@settings(max_examples=300, deadline=None)
@given(key=st.binary(min_size=10, max_size=10), secret=st.binary(min_size=32, max_size=32))
def test_qr_modules_of_any_badge_payload_decode_back(key, secret):
    token = tokens.payload(base64.b32encode(key).decode().rstrip("="), secret)

    decoded = zxingcpp.read_barcodes(rasterize(qr_modules(token)))

    assert [result.text for result in decoded] == [token]


def test_qr_modules_keep_a_quiet_zone_of_four_modules():
    modules = qr_modules(TOKEN)

    for row, column, length in modules.dark_runs:
        assert QUIET_ZONE <= row < modules.size - QUIET_ZONE
        assert column >= QUIET_ZONE
        assert column + length <= modules.size - QUIET_ZONE


def test_draw_qr_on_a_canvas_scans_from_the_rendered_page():
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 200))
    draw_qr(canvas, qr_modules(TOKEN), 20, 20, 160)
    canvas.save()

    with pdfplumber.open(buffer) as pdf:
        page = pdf.pages[0].to_image(resolution=144).original

    assert [result.text for result in zxingcpp.read_barcodes(page)] == [TOKEN]
