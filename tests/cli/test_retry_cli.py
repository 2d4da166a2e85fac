"""The CLI's retries and timeouts against a scripted fault server (tests/cli/fault_server.py).

Run by ctest's `cli` test with AWSQ_CLI=<awsq>.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fault_server import FaultServer, answer, close, error, reset, slow  # noqa: E402

AWSQ = os.environ.get("AWSQ_CLI", "awsq")
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
IDENTITY = ("<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/dev</Arn>"
            "<UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult>"
            "<ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata></GetCallerIdentityResponse>")


def identity():
    return answer(200, IDENTITY)


class RetryCli(unittest.TestCase):
    def awsq(self, server: FaultServer, *args: str, **env: str) -> subprocess.CompletedProcess:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        environment.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY=SECRET,
                           AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE="/nonexistent/awsq-config",
                           AWS_SHARED_CREDENTIALS_FILE="/nonexistent/awsq-credentials",
                           AWS_EC2_METADATA_DISABLED="true")
        environment.update(env)
        return subprocess.run([AWSQ, *args, "--endpoint-url", server.url], capture_output=True, text=True,
                              timeout=60, env=environment)

    def attempts(self, server: FaultServer) -> list[str]:
        return [headers.get("amz-sdk-request", "") for _, _, headers, _ in server.log]

    def test_survives_5xx_reset_and_close(self):
        with FaultServer([answer(503), reset(), close()], identity()) as server:
            r = self.awsq(server, "sts", "get-caller-identity", AWS_MAX_ATTEMPTS="4")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("arn:aws:iam::123456789012:user/dev", r.stdout)
        self.assertEqual(self.attempts(server), [f"attempt={n}; max=4" for n in range(1, 5)])
        ids = {headers["amz-sdk-invocation-id"] for _, _, headers, _ in server.log}
        self.assertEqual(len(ids), 1)

    def test_throttling_until_max_attempts(self):
        with FaultServer([], error(400, "Throttling", "Rate exceeded")) as server:
            r = self.awsq(server, "sts", "get-caller-identity", AWS_MAX_ATTEMPTS="2")
        self.assertEqual(r.returncode, 254, r.stderr)
        self.assertIn("An error occurred (Throttling) when calling the GetCallerIdentity operation "
                      "(reached max retries: 1): Rate exceeded", r.stderr)
        self.assertEqual(len(server.log), 2)

    def test_modeled_fault_is_not_retried(self):
        with FaultServer([error(404, "ExportTaskNotFound", "no such task")], identity()) as server:
            r = self.awsq(server, "rds", "describe-export-tasks", "--export-task-identifier", "x")
        self.assertEqual(r.returncode, 254, r.stderr)
        self.assertIn("An error occurred (ExportTaskNotFound) when calling the DescribeExportTasks operation: "
                      "no such task", r.stderr)
        self.assertEqual(len(server.log), 1)

    def test_resets_until_max_attempts_exit_255(self):
        with FaultServer([], reset()) as server:
            r = self.awsq(server, "sts", "get-caller-identity", AWS_MAX_ATTEMPTS="2")
        self.assertEqual(r.returncode, 255, r.stderr)
        self.assertIn("(after 2 attempts, the most allowed)", r.stderr)
        self.assertEqual(len(server.log), 2)

    def test_read_timeout(self):
        with FaultServer([], slow(10, identity())) as server:
            started = time.monotonic()
            r = self.awsq(server, "sts", "get-caller-identity", "--cli-read-timeout", "1", AWS_MAX_ATTEMPTS="1")
            elapsed = time.monotonic() - started
        self.assertEqual(r.returncode, 255, r.stderr)
        self.assertIn("read timeout", r.stderr)
        self.assertLess(elapsed, 6)
        self.assertEqual(len(server.log), 1)

    def test_legacy_mode_from_the_environment(self):
        with FaultServer([answer(429)], identity()) as server:
            r = self.awsq(server, "sts", "get-caller-identity", AWS_RETRY_MODE="legacy")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.attempts(server), ["attempt=1; max=5", "attempt=2; max=5"])

    def test_debug_shows_each_attempt_and_its_delay(self):
        with FaultServer([answer(500)], identity()) as server:
            r = self.awsq(server, "sts", "get-caller-identity", "--debug")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("awsq: attempt 1 of 3", r.stderr)
        self.assertIn("awsq: attempt 2 of 3", r.stderr)
        self.assertRegex(r.stderr, r"awsq: retrying after a delay of [0-9.e-]+ s")
        self.assertNotIn(SECRET, r.stderr)

    def test_debug_keeps_the_ca_bundle(self):
        # --debug traces the client's own transport: AWS_CA_BUNDLE still applies (a bundle that cannot be read is
        # the error, with and without --debug; a plain HTTP server behind https:// never gets that far).
        with FaultServer([], identity()) as server:
            environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
            environment.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY=SECRET,
                               AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE="/nonexistent/awsq-config",
                               AWS_SHARED_CREDENTIALS_FILE="/nonexistent/awsq-credentials", AWS_MAX_ATTEMPTS="1",
                               AWS_CA_BUNDLE="/nonexistent/awsq-ca.pem")
            url = server.url.replace("http://", "https://")
            for debug in ([], ["--debug"]):
                with self.subTest(debug=debug):
                    r = subprocess.run([AWSQ, "sts", "get-caller-identity", "--endpoint-url", url, *debug],
                                       capture_output=True, text=True, timeout=60, env=environment)
                    self.assertEqual(r.returncode, 255, r.stderr)
                    self.assertIn(f"awsq: POST {url}/: error setting certificate file: /nonexistent/awsq-ca.pem",
                                  r.stderr)
                    self.assertEqual("awsq: request: POST" in r.stderr, bool(debug), r.stderr)
                    self.assertNotIn(SECRET, r.stderr)

    def test_empty_error_code_says_what_arrived(self):
        with FaultServer([error(400, "", "something went wrong")]) as server:
            r = self.awsq(server, "sts", "get-caller-identity")
        self.assertEqual(r.returncode, 254, r.stderr)
        self.assertNotIn("()", r.stderr)
        self.assertIn("An error occurred when calling the GetCallerIdentity operation: "
                      "HTTP 400 error with an empty error code: something went wrong", r.stderr)

    def test_bad_settings(self):
        with FaultServer([], identity()) as server:
            r = self.awsq(server, "sts", "get-caller-identity", "--cli-connect-timeout", "soon")
            self.assertEqual(r.returncode, 252, r.stderr)
            self.assertIn("--cli-connect-timeout: expected a whole number of seconds", r.stderr)
            r = self.awsq(server, "sts", "get-caller-identity", "--cli-read-timeout", "-1")
            self.assertEqual(r.returncode, 252, r.stderr)
            r = self.awsq(server, "sts", "get-caller-identity", AWS_RETRY_MODE="adaptive")
            self.assertEqual(r.returncode, 253, r.stderr)
            self.assertIn("AWS_RETRY_MODE", r.stderr)
            r = self.awsq(server, "sts", "get-caller-identity", AWS_MAX_ATTEMPTS="0")
            self.assertEqual(r.returncode, 253, r.stderr)
            self.assertIn("AWS_MAX_ATTEMPTS", r.stderr)
            self.assertEqual(server.log, [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
