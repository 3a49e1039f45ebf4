#!/usr/bin/python3
"""Start-up benchmark: what a whole onebook-cli process costs, as the secretary runs it.

Prints, for `--help`, `info` on a small archive and `board make` (the 10-item rectification board,
A4 landscape; in Chinese, and in English, which reads the plugin's catalogue too), the median CPU time (user+sys) over N runs, the median peak RSS, and the instruction
count under callgrind (repeatable on a shared machine; --no-callgrind skips it). Then converts the
same board's content (the rectification ledger as .docx, from the same archive) to PDF with
LibreOffice headless, side by side, and prints how many times cheaper `board make` is. Without
LibreOffice the comparison is skipped with a note. Targets: --help <= 5 ms, info <= 10 ms,
board make <= 15 ms CPU and <= 20 MiB peak, >= 60x cheaper than LibreOffice.

Every run of a command on the archive includes what closing it costs: the clean-close marker the
archive writes in the user's state folder (so the next open may skip reading every page). `info`
runs twice: as it does day to day (the marker of the run before is there) and without any marker
(a copied or restored archive, or after a crash: every page is read), XDG_STATE_HOME pointing where
no marker can be written.

  startup_bench.py [--bin DIR] [--runs N] [--lo-runs N] [--no-callgrind] [--keep DIR]

DIR defaults to the folder of onebook-cli next to this build (<build>/bin); the archive is made by
board_bench (--keep), so both benches measure the same board.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile


def run_measured(argv, env=None):
    """Runs argv to completion; returns (user+sys ms, peak RSS KiB) of it and its children.

    Started with posix_spawn (vfork): a fork()ed Python child ran Python code between fork and exec
    (dup2, the environment), which the kernel charged to the measured process (~1 ms and ~230 page
    faults of copied Python pages per run). The peak RSS wait4 reports is never below the RSS of the
    process that exec'd (here the Python interpreter, ~10-13 MiB), so it comes from GNU time when it
    is there (peak_rss), and this value is only an upper bound.
    """
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        pid = os.posix_spawn(argv[0], argv, env if env is not None else os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    finally:
        os.close(devnull)
    _, status, ru = os.wait4(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        raise RuntimeError("failed: " + " ".join(argv))
    return (ru.ru_utime + ru.ru_stime) * 1000.0, ru.ru_maxrss


def peak_rss(argv, env):
    """The command's own peak RSS in KiB through GNU time (a small C program that forks and execs it:
    its ~2 MiB is all the measured process inherits), or None without /usr/bin/time (package time)."""
    if not os.access("/usr/bin/time", os.X_OK):
        return None
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, check=True)
    return int(out.stderr.strip().splitlines()[-1])


def instructions(argv, env):
    """Instructions executed (callgrind's 'Collected'), or None without valgrind."""
    valgrind = shutil.which("valgrind")
    if not valgrind:
        return None
    out = subprocess.run([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null"] + argv, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    m = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    return int(m.group(1)) if m else None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="onebook-cli start-up costs, and the LibreOffice comparison")
    ap.add_argument("--bin", default=None, help="folder holding onebook-cli and board_bench")
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--lo-runs", type=int, default=3)
    ap.add_argument("--no-callgrind", action="store_true")
    ap.add_argument("--keep", default=None, help="keep the archive and outputs in this folder")
    args = ap.parse_args()

    bindir = args.bin
    if bindir is None:
        for cand in (os.path.join(os.getcwd(), "bin"), os.getcwd(), os.path.join(here, "..", "build", "bin")):
            if os.path.exists(os.path.join(cand, "onebook-cli")):
                bindir = cand
                break
    if bindir is None:
        sys.exit("startup_bench: onebook-cli not found (give --bin <build>/bin)")
    cli = os.path.abspath(os.path.join(bindir, "onebook-cli"))
    board_bench = os.path.abspath(os.path.join(bindir, "board_bench"))

    work = args.keep or tempfile.mkdtemp(prefix="startup_bench-")
    os.makedirs(work, exist_ok=True)
    try:
        subprocess.run([board_bench, "--runs", "1", "--keep", work], check=True, stdout=subprocess.DEVNULL)
        archive = os.path.join(work, "bench.onebook")
        board_pdf = os.path.join(work, "board.pdf")
        env = dict(os.environ)
        env.pop("ONEBOOK_ARCHIVE", None)
        env.pop("ONEBOOK_PLUGIN_PATH", None)
        board_argv = [cli, "board", "make", "--archive", archive, "--template", "rectification", "--size", "A4",
                      "--orientation", "landscape", "--out", board_pdf]
        cases = [
            ("--help (English)", [cli, "--help"], "en", 5, None),
            ("--help (Chinese)", [cli, "--help"], "zh_CN.UTF-8", 5, None),
            ("info", [cli, "info", "--archive", archive], "en", 10, None),
            ("info (no marker)", [cli, "info", "--archive", archive], "en", 10, None),
            ("board make", board_argv, "zh_CN.UTF-8", 15, 20 * 1024),
            # The same board for a secretary who chose English: the plugin's catalogue is read too.
            ("board make (English)", board_argv, "en", 15, 20 * 1024),
        ]
        print("startup_bench: onebook-cli %s, %d runs each (medians; CPU = user+sys of the process)" % (cli, args.runs))
        if not os.access("/usr/bin/time", os.X_OK):
            print("  (no /usr/bin/time: peak RSS is an upper bound, at least the Python interpreter's own)")
        board_cpu = None
        state = os.path.join(work, "state")
        os.makedirs(state, exist_ok=True)
        no_marker = os.path.join(work, "not-a-folder")
        open(no_marker, "w").close()  # a file: the marker's folder can never be made under it
        for name, argv, lang, target_ms, target_rss in cases:
            e = dict(env, ONEBOOK_LANG=lang, XDG_STATE_HOME=no_marker if "no marker" in name else state)
            run_measured(argv, e)  # warm the page cache
            cpu, rss = [], []
            for _ in range(args.runs):
                c, r = run_measured(argv, e)
                cpu.append(c)
                rss.append(r)
            med = statistics.median(cpu)
            own = [peak_rss(argv, e) for _ in range(3)]
            mrss = statistics.median(own) if None not in own else statistics.median(rss)
            ins = None if args.no_callgrind else instructions(argv, e)
            verdict = "ok" if med <= target_ms else "OVER"
            line = "  %-20s CPU %6.1f ms (target <= %d ms: %s)  peak RSS %6.1f MiB" % (name, med, target_ms, verdict,
                                                                                       mrss / 1024.0)
            if target_rss:
                line += " (target <= %d MiB: %s)" % (target_rss // 1024, "ok" if mrss <= target_rss else "OVER")
            if ins is not None:
                line += "  instructions %.1f M" % (ins / 1e6)
            print(line)
            if name == "board make":
                board_cpu = med

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            print("  LibreOffice: not installed, comparison skipped (apt-get install libreoffice-writer to measure it)")
            return 0
        docx = os.path.join(work, "board.docx")
        subprocess.run([cli, "rectify", "export", "--archive", archive, "--out", docx], check=True,
                       stdout=subprocess.DEVNULL, env=env)
        profile = os.path.join(work, "lo-profile")
        lo = [soffice, "-env:UserInstallation=file://" + profile, "--headless", "--norestore", "--convert-to", "pdf",
              "--outdir", os.path.join(work, "lo"), docx]
        run_measured(lo, env)  # first run creates the profile
        lo_cpu = [run_measured(lo, env)[0] for _ in range(max(1, args.lo_runs))]
        lo_med = statistics.median(lo_cpu)
        ratio = lo_med / board_cpu if board_cpu else float("nan")
        print("  LibreOffice --convert-to pdf of the same board (.docx): CPU %.0f ms median of %d" % (lo_med, len(lo_cpu)))
        print("  board make is %.0fx cheaper than LibreOffice (target >= 60x: %s)" % (ratio, "ok" if ratio >= 60 else "UNDER"))
        return 0
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
