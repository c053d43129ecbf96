"""Screenshots of the main pages for the README, taken from the demo so they stay current:
tools/screenshots.py [--out docs/screenshots] [--port 8765] [--var-dir DIR].

Starts `openhromada demo` on its own var dir and port, opens each page in Chromium
(/usr/bin/chromium) on a phone (390×844) and a desktop (1280×800), and writes the visible part
of each (not the full page: the repository stays light) as a JPEG.
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
OFFICIAL = "official@demo.openhromada.org"


def pages() -> dict[str, str]:
    """Name → path of each page, read from the demo's database (the server writes the same)."""
    import django  # noqa: PLC0415 - configured only after the var dir is chosen

    django.setup()
    from django.urls import reverse  # noqa: PLC0415

    from openhromada.councils.models import Council  # noqa: PLC0415
    from openhromada.participation.models import Call  # noqa: PLC0415
    from openhromada.plans.models import ActionPlan  # noqa: PLC0415

    plan = ActionPlan.objects.select_related("hromada").get(
        slug="2025-2026", hromada__code="UA68040470000053519"
    )
    hromada = plan.hromada.slug
    call = (
        Call.objects.filter(closed_at__isnull=True).order_by("pk").first() or Call.objects.first()
    )
    council = Council.objects.select_related("hromada").get(hromada=plan.hromada)
    return {
        "home": reverse("home"),
        "hromada": reverse("places:hromada", args=[hromada]),
        "plan": reverse("plans:plan", args=[hromada, plan.slug]),
        "commitment": reverse("plans:commitment", args=[hromada, plan.slug, 1]),
        "call": reverse("participation:call", args=[call.pk]),
        "council": reverse("councils:council", args=[council.hromada.slug]),
        "data": reverse("opendata:index"),
        "my": reverse("my_home"),  # signed in as the demo official
    }


def wait_for(url: str, seconds: int = 900) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:
            time.sleep(2)
    raise SystemExit(f"the demo did not answer at {url} in {seconds} s")


def shoot(base: str, paths: dict[str, str], out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - a test dependency

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        for size, (width, height) in SIZES.items():
            context = browser.new_context(
                viewport={"width": width, "height": height},
                device_scale_factor=1,
                locale="uk-UA",
                is_mobile=size == "phone",
                has_touch=size == "phone",
            )
            page = context.new_page()
            for name, path in paths.items():
                if name == "my":
                    page.goto(base + "/accounts/login/?next=" + path)
                    page.fill("input[name=login]", OFFICIAL)
                    page.fill("input[name=password]", "demo-hromada-2026")
                    page.locator("main form button[type=submit]").click()
                    page.wait_for_load_state("networkidle")
                    page.goto(base + path)
                else:
                    page.goto(base + path)
                page.wait_for_load_state("networkidle")
                target = out / f"{name}-{size}.jpg"
                page.screenshot(path=str(target), type="jpeg", quality=72, full_page=False)
                written.append(target)
            context.close()
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--var-dir", type=Path, default=None)
    args = parser.parse_args()
    var_dir = args.var_dir or Path(tempfile.mkdtemp(prefix="openhromada-screenshots-"))
    os.environ["OPENHROMADA_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openhromada.settings")
    args.out.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "openhromada", "demo", "--port", str(args.port), "--quiet"],
        cwd=ROOT,
        start_new_session=True,  # the demo's worker and server go with it
    )
    try:
        base = f"http://127.0.0.1:{args.port}"
        wait_for(base + "/")
        written = shoot(base, pages(), args.out)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    for path in written:
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
            f"{path.stat().st_size // 1024} KB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
