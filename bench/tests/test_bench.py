"""The bench's own tests: the pseudo-terminal driver against a small fake full-screen program, and
the wrk script against a fake panel server. Run: python3 -m unittest discover -s bench/tests"""

import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import ptydrive  # noqa: E402
import run  # noqa: E402
import serverload  # noqa: E402

FAKE_TUI = [sys.executable, str(HERE / "fake_tui.py")]
ENV = {"PATH": os.environ.get("PATH", os.defpath), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
MENU = [{"name": "menu", "keys": ["down"] * 3 + ["up"] * 3}]


def drive(quit_keys=("q",), expect=("Fake Menu",), screen="auto", paint_timeout=10.0):
    return ptydrive.run_once(FAKE_TUI, ENV, list(expect), MENU, list(quit_keys), screen=screen,
                             paint_timeout=paint_timeout, show=True)


class DriverTests(unittest.TestCase):

    def test_answers_cursor_and_attribute_queries_so_the_program_does_not_stall(self):
        result = drive()
        self.assertIsNotNone(result["first_paint_ms"], result["errors"])
        self.assertIn("cursor at 3;5R", result["screen"])
        self.assertIn("da ?62;22c", result["screen"])
        self.assertEqual(result["queries_answered"], {"CPR": 1, "DA1": 1})

    def test_measures_each_key_sent_in_the_cursor_form_the_program_asked_for(self):
        menu = drive()["phases"]["menu"]
        self.assertTrue(menu["available"])
        self.assertEqual(menu["keys"], 6)
        self.assertEqual(menu["keys_without_answer"], 0)
        self.assertGreater(menu["bytes"], 0)
        self.assertGreater(menu["latency_ms"], 0)

    def test_a_program_that_restores_its_terminal_is_reported_restored(self):
        result = drive()
        self.assertEqual(result["exit_status"], 0)
        self.assertTrue(result["restored"], result)
        self.assertEqual(result["alt_screen"], "entered and left")
        self.assertGreater(result["peak_kb"], 0)
        self.assertGreater(result["anon_kb"], 0)
        self.assertLess(result["anon_kb"], result["peak_kb"])  # the binary's pages are not anonymous

    def test_a_program_that_leaves_its_terminal_raw_is_reported_with_what_it_left(self):
        result = drive(quit_keys=("x",))
        self.assertFalse(result["restored"])
        self.assertEqual(result["alt_screen"], "left on")
        self.assertIn("application cursor keys", result["modes_left_on"])
        self.assertIn("-ICANON", result["termios_changes"])

    def test_a_text_that_never_appears_is_not_available_and_the_program_is_ended(self):
        result = drive(expect=("Never drawn",), paint_timeout=1.0)
        self.assertIsNone(result["first_paint_ms"])
        self.assertIn("Never drawn", result["errors"][0])
        self.assertEqual(result["phases"], {})
        self.assertIsNotNone(result["exit_status"])

    def test_the_fallback_screen_without_pyte_finds_texts_and_tracks_the_cursor(self):
        result = drive(expect=("Fake Menu", ("absent", "item 4")), screen="stripped")
        self.assertEqual(result["screen_model"], "stripped")
        self.assertIsNotNone(result["first_paint_ms"], result["errors"])
        self.assertIn("cursor at 3;5R", result["screen"])

    def test_a_missing_program_is_reported_not_available(self):
        context = run.Context(tempfile.mkdtemp(prefix="bench-test-"), "/nonexistent")
        try:
            scenario = run.scenarios.OURS[1]
            self.assertIn("is not built", run.unavailable_reason(scenario, context))
        finally:
            shutil.rmtree(context.workdir)

    def test_key_specs_expand_repeats_and_typed_text(self):
        self.assertEqual(ptydrive.parse_keys("down*3 type:ab f10"),
                         ["down", "down", "down", "a", "b", "f10"])
        self.assertEqual(ptydrive.encode_key("down", True), b"\x1bOB")
        self.assertEqual(ptydrive.encode_key("down", False), b"\x1b[B")
        with self.assertRaises(ValueError):
            ptydrive.parse_keys("nosuchkey")


class HarnessTests(unittest.TestCase):

    def test_our_client_is_measured_once_it_paints_its_screens(self):
        with tempfile.TemporaryDirectory(prefix="bench-test-") as workdir:
            report_path = Path(workdir) / "report.json"
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                run.main(["--runs", "1", "--only", "client", "--bin-dir", str(HERE / "fake_bin"),
                          "--json", str(report_path)])
            report = json.loads(report_path.read_text())
        signin, demo = report["terminal"]["signin"], report["terminal"]["demo"]
        self.assertTrue(signin["available"], signin.get("reason"))
        self.assertIsNotNone(signin["median"]["first_paint_ms"])
        self.assertTrue(demo["available"], demo.get("reason"))
        for phase in ("home_menu", "form_tab", "typing"):
            self.assertTrue(demo["phases"][phase]["available"], demo["phases"][phase])
        run_figures = demo["runs"][0]
        self.assertEqual(run_figures["tree_processes"], 2)  # the client and its server child
        self.assertLess(run_figures["peak_kb"], run_figures["tree_peak_kb"])
        self.assertEqual(demo["killed_runs"], 0)  # F10, then Left, Enter for the edited form
        self.assertEqual(demo["restored"], "1/1")
        first = report["targets"][0]
        self.assertIsNone(first["met"])
        self.assertIn("dialog", first["why_not_measured"])

    def test_a_ratio_within_the_target_is_met_and_beyond_it_missed(self):
        def results(ours_ms):
            return {"signin": {"label": "sign-in", "available": True,
                               "median": {"first_paint_ms": ours_ms}},
                    "dialog": {"label": "dialog", "available": True,
                               "median": {"first_paint_ms": 10.0}}}
        self.assertTrue(run.check_targets(results(30.0), None)[0]["met"])
        missed = run.check_targets(results(31.0), None)[0]
        self.assertFalse(missed["met"])
        self.assertEqual(missed["ratio"], 3.1)


@unittest.skipUnless(shutil.which("wrk"), "wrk is not installed")
class ServerLoadTests(unittest.TestCase):

    def test_puts_follow_the_etag_and_count_conflicts_apart_from_errors(self):
        with tempfile.TemporaryDirectory(prefix="bench-test-") as workdir:
            result = serverload.measure_server(
                HERE / "fake_panel_server.py", Path(workdir), ["--embedded"], dict(ENV), runs=1,
                seconds=1, connection_counts=(1, 8), log=lambda message: None)
        me = result["endpoints"]["GET /v1/me"]["8"]["median"]
        self.assertGreater(me["rps"], 0)
        self.assertEqual(me["errors"], 0)
        alone = result["endpoints"]["PUT /v1/me/contact"]["1"]["median"]
        self.assertGreater(alone["ok"], 0)
        self.assertEqual(alone["conflict"], 0)  # one connection always holds the current ETag
        crowd = result["endpoints"]["PUT /v1/me/contact"]["8"]["median"]
        self.assertGreater(crowd["ok"], 0)
        self.assertEqual(crowd["errors"], 0)
        self.assertGreater(result["peak_kb"], 0)

    def test_a_server_that_only_says_where_it_listens_is_signed_in_to_as_the_demo_customer(self):
        with tempfile.TemporaryDirectory(prefix="bench-test-") as workdir:
            result = serverload.measure_server(
                HERE / "fake_panel_server.py", Path(workdir), ["--port", "0"], dict(ENV), runs=1,
                seconds=1, connection_counts=(4,), log=lambda message: None)
        me = result["endpoints"]["GET /v1/me"]["4"]["median"]
        self.assertGreater(me["rps"], 0)
        self.assertEqual(me["errors"], 0)  # the bearer token of the sign-in was accepted

    def test_a_server_that_prints_no_port_is_not_available(self):
        with tempfile.TemporaryDirectory(prefix="bench-test-") as workdir:
            with self.assertRaises(serverload.NotAvailable) as caught:
                serverload.measure_server(Path(shutil.which("true")), Path(workdir), [], dict(ENV),
                                          runs=1, seconds=1)
        self.assertIn("exited", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
