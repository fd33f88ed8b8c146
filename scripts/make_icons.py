"""Render the app icons (PNG) from static/img/icon.svg with Debian's Chromium.

Run once after changing the SVG: `.venv/bin/python scripts/make_icons.py`. The PNGs are
committed; nothing renders them at run time. Chromium is already what the browser tests use,
so this needs no image library.

- icon-192.png, icon-512.png: the round icon on a transparent background ("any").
- icon-maskable-512.png: a full square of the icon's green with the icon inside the central
  80 % circle (the "safe zone"), so a phone can crop it to any shape without cutting the face.
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "static" / "img"
GREEN = "#1f6f5c"  # the icon's own circle colour


def page_html(svg: str, size: int, *, maskable: bool) -> str:
    # The icon's circle has radius 15 of 32; for the maskable icon it fits in the safe zone
    # (radius 40 % of the side): 15/16 of the drawn width = 0.8 of the side.
    drawn = round(size * 0.8 / (15 / 16)) if maskable else size
    background = GREEN if maskable else "transparent"
    return (
        "<!DOCTYPE html><html><body style='margin:0;background:transparent'>"
        f"<div style='width:{size}px;height:{size}px;background:{background};display:flex;"
        "align-items:center;justify-content:center'>"
        f"<div style='width:{drawn}px;height:{drawn}px'>"
        + svg.replace("<svg ", f"<svg width='{drawn}' height='{drawn}' ", 1)
        + "</div></div></body></html>"
    )


def main() -> None:
    svg = (IMG / "icon.svg").read_text()
    targets = [
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-512.png", 512, True),
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        for name, size, maskable in targets:
            page.set_viewport_size({"width": size, "height": size})
            page.set_content(page_html(svg, size, maskable=maskable))
            page.screenshot(path=str(IMG / name), omit_background=True)
            print(f"wrote static/img/{name}")
        browser.close()


if __name__ == "__main__":
    main()
