"""Machine instructions per thread page, counted by valgrind, next to the anchor page's: figures that other
work on the machine cannot move.

    .venv/bin/python bench/page_instructions.py [--pages 100]

CPU time per page (bench/page_profile.py) swings by a third from minute to minute on a shared machine, so
a change worth a tenth of a page cannot be seen in it; the number of instructions a page costs is the
same run after run. This builds the seeded Harbour of page_profile.py (logged in, its 5-post and 20-post
threads), then views each page --pages times in a child process under callgrind, counting only the
requests. Instructions are not time (a cache miss costs more than an instruction): quote them beside
bench/load.py's throughput, not instead of it. Needs valgrind (Debian's ``valgrind`` package).
"""
import argparse
import functools
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.page_profile import WARM_PAGES, anchor_client, harbour_app, harbour_client  # noqa: E402
from bench.stack import PYTHON  # noqa: E402

COOKIE_FILE = "session-cookie"
# Only what runs inside functools.reduce, the loop of requests below, is counted.
CALLGRIND = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--collect-atstart=no",
             "--toggle-collect=*functools_reduce*", "--callgrind-out-file=/dev/null"]


def count(folder: Path, page: str, pages: int) -> int:
    """Instructions per view of ``page`` ("anchor" or a Harbour path), from a child run under callgrind."""
    child = subprocess.run([*CALLGRIND, PYTHON, __file__, "--child", str(folder), page, str(pages)],
                           capture_output=True, text=True, env=os.environ | {"PYTHONHASHSEED": "0"}, check=True)
    return int(re.search(r"Collected : (\d+)", child.stderr).group(1)) // pages


def view_under_callgrind(folder: Path, page: str, pages: int) -> None:
    if page == "anchor":
        client, path = anchor_client(folder)
    else:
        client, path = harbour_app(folder).test_client(), page
        client.set_cookie("session", (folder / COOKIE_FILE).read_text())
    for _ in range(WARM_PAGES):
        assert client.get(path).status_code == 200
    subprocess.run(["callgrind_control", "--instr=on", str(os.getpid())], check=True, capture_output=True)
    functools.reduce(lambda views, _: views + (client.get(path).status_code == 200), range(pages), 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--child", nargs=3, metavar=("FOLDER", "PAGE", "PAGES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder, page, pages = args.child
        view_under_callgrind(Path(folder), page, int(pages))
        return
    folder = Path(tempfile.mkdtemp(prefix="harbour-page-instructions-"))
    client, path, busy_path = harbour_client(folder)
    (folder / COOKIE_FILE).write_text(client.get_cookie("session").value)
    anchor = count(folder, "anchor", args.pages)
    for name, page in (("thread page (5 own posts, as load.py)", path), ("thread page (20 posts by others)", busy_path)):
        instructions = count(folder, page, args.pages)
        print(f"{name:38} {instructions / 1e6:6.2f} M instructions/page   anchor/page {anchor / instructions:.2f}x")
    print(f"{'anchor page (20 posts)':38} {anchor / 1e6:6.2f} M instructions/page")


if __name__ == "__main__":
    main()
