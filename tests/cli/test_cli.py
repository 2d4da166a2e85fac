"""The awsq command line, end to end: exit codes, JSON output, dry-run bodies, replay and every error path.

Run by ctest with AWSQ_CLI=<path of the built awsq> and AWSQ_REPLAY=<examples/replay>.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import tempfile
import unittest
from pathlib import Path
from unittest import mock

AWSQ = os.environ.get("AWSQ_CLI", "awsq")
REPLAY = os.environ.get("AWSQ_REPLAY", str(Path(__file__).resolve().parents[2] / "examples" / "replay"))


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([AWSQ, *args], input=stdin, capture_output=True, text=True, timeout=60)


def ids(output: str, key: str, id_key: str) -> list[str]:
    return [item[id_key] for item in json.loads(output)[key]]


ALL_EXPORTS = ["nightly-orders-2024-06-01", "orders-schema-only", "billing-q1-archive", "billing-q2-archive",
               "users-weekly"]
ALL_RESTORES = ["z-7f0d3c2a-91b4-4e7a-bb0c-0a1e5d3f9c21", "z-2c9e4b1d-3a7f-48c2-9e5d-6b0f1a2c3d44",
                "z-5a8b2c0d-7e6f-4a1b-8c9d-0e1f2a3b4c55"]


class ReplayedListing(unittest.TestCase):
    def test_three_page_export_listing_is_merged(self):
        r = run("rds", "describe-export-tasks", "--replay", REPLAY)
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(list(out), ["ExportTasks"])
        self.assertEqual([t["ExportTaskIdentifier"] for t in out["ExportTasks"]], ALL_EXPORTS)
        self.assertEqual(out["ExportTasks"][0], {
            "ExportTaskIdentifier": "nightly-orders-2024-06-01",
            "SourceArn": "arn:aws:rds:us-east-1:123456789012:snapshot:rds:orders-2024-06-01-03-10",
            "SnapshotTime": "2024-06-01T03:10:42.118000Z",
            "TaskStartTime": "2024-06-01T04:00:05.002000Z",
            "TaskEndTime": "2024-06-01T04:47:31.640000Z",
            "S3Bucket": "acme-analytics-exports",
            "S3Prefix": "rds/orders/2024-06-01",
            "IamRoleArn": "arn:aws:iam::123456789012:role/rds-s3-export",
            "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1f0c6a4e-4d1b-4c39-9d4e-6b1f3c1a2b7d",
            "Status": "COMPLETE",
            "PercentProgress": 100,
            "TotalExtractedDataInGB": 42,
            "SourceType": "SNAPSHOT",
        })
        self.assertEqual(out["ExportTasks"][1]["ExportOnly"], ["orders.public", "orders.audit.events"])
        self.assertEqual(out["ExportTasks"][2]["FailureCause"],
                         "The IAM role \"rds-s3-export\" can't write to s3://acme-billing-archive & its KMS key")
        self.assertEqual(out["ExportTasks"][3]["ExportOnly"], [])

    def test_two_page_restore_listing_is_merged(self):
        r = run("redshift", "describe-table-restore-status", "--replay", REPLAY)
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual([t["TableRestoreRequestId"] for t in out["TableRestoreStatusDetails"]], ALL_RESTORES)
        self.assertEqual(out["TableRestoreStatusDetails"][1]["TotalDataInMegaBytes"], 12884901888)

    def test_debug_traces_the_recordings_too(self):
        r = run("redshift", "describe-table-restore-status", "--replay", REPLAY, "--debug")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr.count("awsq: request: POST https://redshift.us-east-1.amazonaws.com/\n"), 2)
        self.assertEqual(r.stderr.count("awsq: response: HTTP 200\n"), 2)
        self.assertRegex(r.stderr, r"awsq:   Authorization: AWS4-HMAC-SHA256 Credential=AKIDREPLAY/[0-9]{8}/us-east-1/"
                                   r"redshift/aws4_request, SignedHeaders=[a-z;-]+, Signature=\*+\n")
        self.assertEqual(json.loads(r.stdout), json.loads(run("redshift", "describe-table-restore-status",
                                                              "--replay", REPLAY).stdout))

    def test_max_items_gives_next_token_and_starting_token_resumes(self):
        first = run("rds", "describe-export-tasks", "--replay", REPLAY, "--max-items", "3")
        self.assertEqual(first.returncode, 0, first.stderr)
        out = json.loads(first.stdout)
        self.assertEqual([t["ExportTaskIdentifier"] for t in out["ExportTasks"]], ALL_EXPORTS[:3])
        self.assertIn("NextToken", out)
        rest = run("rds", "describe-export-tasks", "--replay", REPLAY, "--starting-token", out["NextToken"])
        self.assertEqual(rest.returncode, 0, rest.stderr)
        self.assertEqual(ids(rest.stdout, "ExportTasks", "ExportTaskIdentifier"), ALL_EXPORTS[3:])
        self.assertNotIn("NextToken", json.loads(rest.stdout))

    def test_no_paginate_prints_one_page_with_its_marker(self):
        r = run("redshift", "describe-table-restore-status", "--replay", REPLAY, "--no-paginate")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(out["Marker"], "dGFibGUtcmVzdG9yZTozCg==")
        self.assertEqual(len(out["TableRestoreStatusDetails"]), 2)

    def test_cli_input_json_from_a_file_and_flags_override_it(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"MaxRecords": 50, "ExportTaskIdentifier": "from-file"}, f)
        try:
            r = run("rds", "describe-export-tasks", "--dry-run", "--cli-input-json", "@" + f.name,
                    "--max-records", "30")
        finally:
            os.unlink(f.name)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.endswith(
            "\nAction=DescribeExportTasks&Version=2014-10-31&ExportTaskIdentifier=from-file&MaxRecords=30\n"), r.stdout)


class DryRun(unittest.TestCase):
    def test_prints_the_validated_http_request(self):
        r = run("rds", "describe-export-tasks", "--dry-run", "--max-records", "20", "--source-type", "SNAPSHOT",
                "--filters", '[{"Name":"status","Values":["complete","in progress"]}]', "--region", "eu-west-1")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout,
                         "POST https://rds.eu-west-1.amazonaws.com/\n"
                         "Content-Type: application/x-www-form-urlencoded; charset=utf-8\n\n"
                         "Action=DescribeExportTasks&Version=2014-10-31"
                         "&Filters.Filter.1.Name=status&Filters.Filter.1.Values.Value.1=complete"
                         "&Filters.Filter.1.Values.Value.2=in+progress&MaxRecords=20&SourceType=SNAPSHOT\n")

    def test_page_size_sets_the_limit_key(self):
        r = run("redshift", "describe-table-restore-status", "--dry-run", "--page-size", "25")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.endswith("\nAction=DescribeTableRestoreStatus&Version=2012-12-01&MaxRecords=25\n"))

    def test_an_invalid_request_lists_every_problem_and_exits_252(self):
        r = run("rds", "describe-export-tasks", "--dry-run", "--max-records", "101",
                "--filters", '[{"Name":"status"}]', "--source-type", "VOLUME")
        self.assertEqual(r.returncode, 252)
        self.assertEqual(r.stdout, "")
        for problem in ("DescribeExportTasksRequest.Filters[0].Values: required member is missing",
                        "DescribeExportTasksRequest.MaxRecords: 101 is above the maximum 100"):
            self.assertIn(problem, r.stderr)
        # An enum value the model does not know is sent as given, as botocore does (AWS adds values).
        self.assertNotIn("SourceType", r.stderr)


class FlagErrors(unittest.TestCase):
    """Every bad flag is a usage error (exit 252, as the AWS CLI v2) that names the flag and says what is wrong."""

    def check(self, args, message):
        r = run("rds", "describe-export-tasks", *args)
        self.assertEqual(r.returncode, 252, r.stderr)
        self.assertEqual(r.stdout, "")
        self.assertIn(message, r.stderr)
        return r

    def test_numbers_out_of_range_are_refused_never_wrapped(self):
        self.check(("--page-size", "4294967316", "--replay", REPLAY), "--page-size: 4294967316 is out of range")
        self.check(("--max-records", "4294967316", "--dry-run"), "--max-records: 4294967316 is out of range")
        self.check(("--max-items", "99999999999999999999", "--replay", REPLAY), "--max-items: 99999999999999999999 is out of range")
        self.check(("--max-items", "-1", "--replay", REPLAY), "max_items: -1 is not a positive number of items")
        self.check(("--page-size", "0", "--replay", REPLAY), "page_size: 0 is not a positive page size")

    def test_an_unknown_flag_is_named_and_takes_no_value_from_the_next_flag(self):
        self.check(("--bogus", "--replay", REPLAY), "unknown option --bogus")
        self.check(("--max-records", "--dry-run"), "--max-records needs a value")

    def test_cli_input_json_says_what_is_wrong(self):
        self.check(("--cli-input-json", '{"MaxRecords":\n  20,', "--dry-run"),
                   "--cli-input-json: not JSON: incomplete JSON at line 2, column 6")
        self.check(("--cli-input-json", "[1]", "--dry-run"), "--cli-input-json: expected a JSON object, got an array")
        self.check(("--cli-input-json", "@/nonexistent/awsq.json", "--dry-run"),
                   "cannot read /nonexistent/awsq.json: No such file or directory")
        with tempfile.TemporaryDirectory() as d:
            self.check(("--cli-input-json", "@" + d, "--dry-run"), "it is a directory")
        self.check(("--filters", "[" * 100, "--dry-run"), "--filters: not JSON: nested deeper than 64 levels")
        self.check(("--cli-input-json", os.fsdecode(b'{"Marker": "\xff"}'), "--dry-run"),
                   "--cli-input-json: not JSON: invalid UTF-8 at line 1, column 13")

    def test_json_text_past_the_size_limit_is_refused(self):
        # awsq::json_limits: 16 MiB of JSON text at most (a file is read no further than that).
        with tempfile.TemporaryDirectory() as d:
            big = Path(d) / "big.json"
            big.write_text('{"Marker": "' + "x" * (16 * 1024 * 1024) + '"}')
            self.check(("--cli-input-json", "@" + str(big), "--dry-run"),
                       "awsq: --cli-input-json: JSON text longer than the limit of 16777216 bytes\n")
            fits = Path(d) / "fits.json"
            fits.write_text('{"Marker": "' + "x" * (16 * 1024 * 1024 - 14) + '"}')
            r = run("rds", "describe-export-tasks", "--dry-run", "--cli-input-json", "@" + str(fits))
            self.assertEqual(r.returncode, 0, r.stderr[:200])


class Errors(unittest.TestCase):
    def test_modeled_fault_of_each_operation_exits_254(self):
        for args, code, message in [
            (("rds", "describe-export-tasks", "--export-task-identifier", "no-such-export"), "ExportTaskNotFound",
             "The export task with the ID no-such-export can't be found."),
            (("redshift", "describe-table-restore-status", "--table-restore-request-id", "no-such-request"),
             "TableRestoreNotFoundFault", "Table restore request no-such-request not found."),
            (("redshift", "describe-table-restore-status", "--cluster-identifier", "no-such-cluster"),
             "ClusterNotFound", "Cluster no-such-cluster not found."),
        ]:
            with self.subTest(code=code):
                r = run(*args, "--replay", REPLAY)
                self.assertEqual(r.returncode, 254, r.stderr)
                self.assertIn(f"An error occurred ({code}) when calling the ", r.stderr)
                self.assertIn(message, r.stderr)

    def test_invalid_page_size_sends_nothing_and_exits_252(self):
        r = run("rds", "describe-export-tasks", "--replay", REPLAY, "--page-size", "19")
        self.assertEqual(r.returncode, 252)
        self.assertIn("DescribeExportTasksRequest.MaxRecords: 19 is below the minimum 20", r.stderr)

    def test_no_recording_matches(self):
        r = run("rds", "describe-export-tasks", "--replay", REPLAY, "--marker", "bogus")
        self.assertEqual(r.returncode, 255)
        self.assertIn("no recording in", r.stderr)

    def test_ctrl_c_during_a_call_exits_130(self):
        # A local server that takes the connection and never answers: the call waits until SIGINT.
        with socket.socket() as server, tempfile.TemporaryDirectory() as home:
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
            env.update(HOME=home, AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="not-a-real-secret",
                       AWS_EC2_METADATA_DISABLED="true")
            p = subprocess.Popen([AWSQ, "rds", "describe-export-tasks", "--region", "us-east-1", "--endpoint-url",
                                  f"http://127.0.0.1:{server.getsockname()[1]}"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            try:
                connection, _ = server.accept()  # the request is on its way; no answer will come
                with connection:
                    p.send_signal(signal.SIGINT)
                    out, _ = p.communicate(timeout=30)
            finally:
                if p.poll() is None:
                    p.kill()
                    p.wait()
            self.assertEqual(p.returncode, 130)
            self.assertEqual(out, "")

    def test_a_real_call_without_credentials_exits_253(self):
        # Without --replay or --dry-run the call is real: with nothing configured it stops before sending.
        with tempfile.TemporaryDirectory() as home:
            env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
            env.update(HOME=home, AWS_EC2_METADATA_DISABLED="true")
            r = subprocess.run([AWSQ, "rds", "describe-export-tasks", "--region", "us-east-1"], capture_output=True,
                               text=True, timeout=60, env=env)
            self.assertEqual(r.returncode, 253, r.stderr)
            self.assertIn("credentials", r.stderr)
            r = subprocess.run([AWSQ, "rds", "describe-export-tasks"], capture_output=True, text=True, timeout=60,
                               env=env)
            self.assertEqual(r.returncode, 253, r.stderr)
            self.assertIn("region", r.stderr)

    def test_usage_errors_exit_252_with_one_line_and_where_help_is(self):
        for args, message, help_words in [
                ((), "the following arguments are required: SERVICE, OPERATION", "awsq help"),
                (("rds",), "the following arguments are required: OPERATION", "awsq rds help"),
                (("rds", "describe-everything"), "unknown operation: rds describe-everything", "awsq rds help"),
                (("ec2", "describe-instances"), "unknown service: ec2", "awsq help"),
                (("rds", "describe-export-tasks", "--no-such-flag", "1"), "unknown option --no-such-flag",
                 "awsq rds describe-export-tasks help"),
                (("rds", "describe-export-tasks", "--max-records", "abc"), '--max-records: "abc" is not an integer',
                 "awsq rds describe-export-tasks help"),
                (("rds", "describe-export-tasks", "--filters", "[not json"),
                 "--filters: not JSON: syntax error at line 1, column 2", "awsq rds describe-export-tasks help"),
                (("rds", "describe-export-tasks", "--max-records"), "--max-records needs a value",
                 "awsq rds describe-export-tasks help"),
                (("rds", "describe-export-tasks", "extra"), "unexpected argument extra", "awsq help"),
                (("rds", "wait"), "the following arguments are required: WAITER", "awsq rds wait help")]:
            with self.subTest(args=args):
                r = run(*args)
                self.assertEqual(r.returncode, 252, r.stderr)
                self.assertEqual(r.stderr, f"awsq: {message}\nTo see help text, run: {help_words}\n")
                self.assertEqual(r.stdout, "")

    def test_a_wrong_json_type_names_the_path(self):
        r = run("rds", "describe-export-tasks", "--dry-run", "--filters", '[{"Name": 5, "Values": []}]')
        self.assertEqual(r.returncode, 252)
        self.assertIn("DescribeExportTasksRequest.Filters[0].Name: expected a string, got an integer", r.stderr)


class Help(unittest.TestCase):
    def test_help_everywhere(self):
        for words in (("--help",), ("help",)):
            r = run(*words)
            self.assertEqual(r.returncode, 0)
            self.assertRegex(r.stdout, r"services:\n  rds\b.*\n  redshift\b.*\n  sts\b")
            # each service with its model's first sentence
            self.assertIn("\n  sts                   Trimmed AWS STS model holding the operations awsq uses to obtain "
                          "and check credentials.\n", r.stdout)
        for words in (("rds", "help"), ("rds", "--help")):
            r = run(*words)
            self.assertEqual(r.returncode, 0)
            self.assertIn("  describe-export-tasks\n"
                          "      Lists snapshot and cluster exports to Amazon S3, one page at a time.\n", r.stdout)
            self.assertIn("waiters (awsq rds wait WAITER):\n  db-instance-available\n", r.stdout)
            self.assertIn("\n\nTrimmed Amazon RDS model holding the DescribeExportTasks and DescribeDBInstances "
                          "operations.\n\noperations:\n", r.stdout)
        for words in (("rds", "describe-export-tasks", "--help"), ("rds", "describe-export-tasks", "help")):
            r = run(*words)
            self.assertEqual(r.returncode, 0)
            for text in ("NAME\n       awsq rds describe-export-tasks - DescribeExportTasks (RDS API 2014-10-31)\n",
                         "DESCRIPTION\n       Lists snapshot and cluster exports to Amazon S3, one page at a time.\n",
                         "         [--export-task-identifier <value>]\n", "         [--max-items <value>]\n",
                         "       --export-task-identifier (string)\n"
                         "          Restricts the results to the export task with this identifier.\n",
                         "       --filters (list)\n", "          Shorthand Syntax:\n"
                         "            Name=string,Values=string,string ...\n",
                         "       --source-type (string)\n", "          Possible values:\n"
                         "            o SNAPSHOT\n            o CLUSTER\n"):
                self.assertIn(text, r.stdout)
            # As the AWS CLI's help: the paginator's raw marker and limit are hidden (and still accepted).
            self.assertNotIn("--max-records", r.stdout)
            self.assertNotIn("--marker", r.stdout)
        r = run("sts", "assume-role", "help")
        for text in ("         --role-arn <value>\n", "       --role-arn (string) [required] [min 20, max 2048]\n",
                     "       --duration-seconds (integer) [min 900, max 43200]\n", "            arn=string ...\n"):
            self.assertIn(text, r.stdout)
        r = run("parse", "redshift", "describe-table-restore-status", "--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("usage: awsq parse redshift describe-table-restore-status [--status N] < response.xml\n", r.stdout)

    def test_version(self):
        r = run("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^awsq/\d+\.\d+\.\d+ \(rds redshift sts\)\n$")


@unittest.skipUnless(os.environ.get("AWSQ_CLI_PAGETEST"), "AWSQ_CLI_PAGETEST: the command line of tests/models/pagetest")
class ModelsBecomeCommands(unittest.TestCase):
    """awsq_add_cli() over tests/models/pagetest: a model folder, no C++, gives its commands and flags."""

    def run_pagetest(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([os.environ["AWSQ_CLI_PAGETEST"], *args], capture_output=True, text=True, encoding="utf-8",
                              timeout=60)

    def test_the_model_is_the_command_line(self):
        r = self.run_pagetest("help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("services:\n  elb                   Elastic Load Balancing\n  pagetest              A test service for the "
                      "paginator forms the query models use beyond a plain Marker.\n", r.stdout)
        self.assertNotIn("rds", r.stdout)
        r = self.run_pagetest("pagetest", "help")
        self.assertEqual([line for line in r.stdout.split("operations:\n")[1].splitlines() if line[2] != " "],
                         ["  list-things", "  describe-defaults", "  list-jobs", "  download-log", "  tail-log",
                          "  put-attachments"])
        r = self.run_pagetest("pagetest", "list-things", "--page-size", "5", "--dry-run", "--region", "us-east-1")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("POST https://pagetest.us-east-1.amazonaws.com/\n", r.stdout)
        self.assertTrue(r.stdout.endswith("\nAction=ListThings&Version=2020-01-01&MaxItems=5\n"), r.stdout)
        r = self.run_pagetest("rds", "describe-export-tasks")
        self.assertEqual(r.returncode, 252)
        self.assertIn("unknown service: rds", r.stderr)

    def test_elb_lists_of_one_member_structures_take_bare_words(self):
        # tests/models/elb is four operations of botocore's ELB model; the AWS CLI v1 keeps its "old list case"
        # for their --instances and --tags (test_aws_differential.py sends the same through both tools).
        def body(*args: str) -> str:
            r = self.run_pagetest("elb", *args, "--dry-run", "--region", "us-east-1")
            self.assertEqual(r.returncode, 0, r.stderr)
            return r.stdout.splitlines()[-1]
        register = ("register-instances-with-load-balancer", "--load-balancer-name", "lb", "--instances")
        prefix = "Action=RegisterInstancesWithLoadBalancer&Version=2012-06-01&LoadBalancerName=lb&"
        self.assertEqual(body(*register, "i-1", "i-2"),
                         prefix + "Instances.member.1.InstanceId=i-1&Instances.member.2.InstanceId=i-2")
        # a word that looks like shorthand is still the member's value; JSON is still JSON
        self.assertEqual(body(*register, "InstanceId=i-5"), prefix + "Instances.member.1.InstanceId=InstanceId%3Di-5")
        self.assertEqual(body(*register, ' {"InstanceId": "i-3"}', '{"InstanceId": "i-4"}'),
                         prefix + "Instances.member.1.InstanceId=i-3&Instances.member.2.InstanceId=i-4")
        self.assertEqual(body(*register, '[{"InstanceId": "i-6"}]'), prefix + "Instances.member.1.InstanceId=i-6")
        self.assertEqual(body("remove-tags", "--load-balancer-names", "a", "b", "--tags", "k1", "k2"),
                         "Action=RemoveTags&Version=2012-06-01&LoadBalancerNames.member.1=a&LoadBalancerNames.member.2=b"
                         "&Tags.member.1.Key=k1&Tags.member.2.Key=k2")
        r = self.run_pagetest("elb", "describe-instance-health", "help")
        self.assertIn("          Shorthand Syntax:\n            --instances InstanceId1 InstanceId2 InstanceId3\n", r.stdout)
        r = self.run_pagetest("elb", "remove-tags", "help")
        self.assertIn("          Shorthand Syntax:\n            --tags Key1 Key2 Key3\n", r.stdout)

    def test_shorthand_fileb_gives_a_blob_its_bytes(self):
        # `key@=fileb://` in shorthand: the bytes for a blob member (sent as base64), text for a string member
        # where they are UTF-8; a blob given as text is base64 already, as the AWS CLI v2 takes it.
        with tempfile.TemporaryDirectory() as d:
            binary, text, encoded = Path(d, "b.bin"), Path(d, "t.txt"), Path(d, "e.txt")
            binary.write_bytes(b"\xff\x00\x01")
            text.write_bytes(b"hello")
            encoded.write_bytes(b"aGk=")
            def attachments(value: str) -> subprocess.CompletedProcess:
                return self.run_pagetest("pagetest", "put-attachments", "--attachments", value, "--dry-run",
                                         "--region", "us-east-1")
            for value, body in [(f"Name=a,Data@=fileb://{binary}", "Name=a&Attachments.member.1.Data=%2FwAB"),
                                (f"Name@=fileb://{text},Data@=fileb://{text}",
                                 "Name=hello&Attachments.member.1.Data=aGVsbG8%3D"),
                                (f"Name=a,Data@=file://{encoded}", "Name=a&Attachments.member.1.Data=aGk%3D"),
                                ("Name=a,Data=aGk=", "Name=a&Attachments.member.1.Data=aGk%3D")]:
                with self.subTest(value=value):
                    r = attachments(value)
                    self.assertEqual(r.returncode, 0, r.stderr)
                    self.assertTrue(r.stdout.endswith("&Attachments.member.1." + body + "\n"), r.stdout)
            r = attachments(f"Name@=fileb://{binary}")
            self.assertEqual(r.returncode, 252)
            self.assertIn("Error parsing parameter '--attachments': fileb:// gives bytes, for a blob member only",
                          r.stderr)

    def test_string_and_number_result_keys_are_joined_and_summed(self):
        # As botocore's build_full_result (RDS's DownloadDBLogFilePortion pages its LogFileData text).
        def page(key: str, data: str, lines: int, marker: str | None) -> str:
            more = f"<Marker>{marker}</Marker><AdditionalDataPending>true</AdditionalDataPending>" if marker else ""
            return (f"{key}\nHTTP 200\n<DownloadLogResponse><DownloadLogResult><LogFileData>{data}</LogFileData>"
                    f"<LineCount>{lines}</LineCount>{more}</DownloadLogResult>"
                    "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DownloadLogResponse>\n")
        with tempfile.TemporaryDirectory() as d:
            Path(d, "1.http").write_text(page("Action=DownloadLog", "one\ntwo\n", 2, "m2"))
            Path(d, "2.http").write_text(page("Action=DownloadLog&Marker=m2", "three\n", 1, "m3"))
            Path(d, "3.http").write_text(page("Action=DownloadLog&Marker=m3", "", 0, None))
            r = self.run_pagetest("pagetest", "download-log", "--replay", d)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(json.loads(r.stdout), {"LogFileData": "one\ntwo\nthree\n", "LineCount": 3})
            r = self.run_pagetest("pagetest", "download-log", "--replay", d, "--no-paginate")
            self.assertEqual(json.loads(r.stdout)["LogFileData"], "one\ntwo\n")
        # --max-items counts the text's characters (code points, as Python's len), and so does the token:
        # botocore's build_full_result gives these for the same pages.
        with tempfile.TemporaryDirectory() as d:
            Path(d, "1.http").write_text(page("Action=DownloadLog", "on\u00e9\ntwo\n", 2, "m2"), encoding="utf-8")
            Path(d, "2.http").write_text(page("Action=DownloadLog&Marker=m2", "thr\u00e9e\n", 1, "m3"), encoding="utf-8")
            Path(d, "3.http").write_text(page("Action=DownloadLog&Marker=m3", "", 0, None))
            r = self.run_pagetest("pagetest", "download-log", "--replay", d, "--max-items", "11")
            self.assertEqual(r.returncode, 0, r.stderr)
            token = "eyJNYXJrZXIiOiAibTIiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAzfQ=="  # {"Marker": "m2", ... 3}
            self.assertEqual(json.loads(r.stdout), {"LogFileData": "on\u00e9\ntwo\nthr", "LineCount": 3,
                                                    "NextToken": token})
            r = self.run_pagetest("pagetest", "download-log", "--replay", d, "--starting-token", token)
            self.assertEqual(json.loads(r.stdout), {"LogFileData": "\u00e9e\n", "LineCount": 1})


class Parse(unittest.TestCase):
    def recorded(self, name: str) -> str:
        return Path(REPLAY, name).read_text().split("\n", 2)[2]

    def test_a_page_becomes_json_with_the_request_id(self):
        r = run("parse", "redshift", "describe-table-restore-status",
                stdin=self.recorded("redshift-describe-table-restore-status-2.http"))
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(out["ResponseMetadata"], {"RequestId": "9d1c7e42-5b3a-4f6e-a2d8-1c0b9e8f7a62"})
        self.assertEqual(out["TableRestoreStatusDetails"][0]["Message"],
                         "Target table \"finance.ledger\" already exists & can't be replaced")
        self.assertEqual(out["TableRestoreStatusDetails"][0]["RequestTime"], "2024-05-22T16:45:30.007000Z")

    def test_an_error_body_exits_254_with_code_and_message(self):
        r = run("parse", "rds", "describe-export-tasks", "--status", "404",
                stdin=self.recorded("rds-describe-export-tasks-not-found.http"))
        self.assertEqual(r.returncode, 254)
        self.assertIn("(ExportTaskNotFound)", r.stderr)
        self.assertIn("can't be found.", r.stderr)

    def test_a_malformed_body_exits_255_with_the_parse_error(self):
        body = self.recorded("rds-describe-export-tasks-3.http").replace(
            "<PercentProgress>64</PercentProgress>", "<PercentProgress>12x</PercentProgress>")
        r = run("parse", "rds", "describe-export-tasks", stdin=body)
        self.assertEqual(r.returncode, 255)
        self.assertIn("DescribeExportTasksResult.ExportTasks[0].PercentProgress", r.stderr)
        r = run("parse", "rds", "describe-export-tasks", stdin="<DescribeExportTasksResponse><oops")
        self.assertEqual(r.returncode, 255)

    def test_a_bad_status_flag_is_a_usage_error(self):
        r = run("parse", "rds", "describe-export-tasks", "--status", "x", stdin="")
        self.assertEqual(r.returncode, 252)


class OutputFormats(unittest.TestCase):
    """--output, --query and --cli-timestamp-format over recordings (test_aws_differential.py compares them
    with the AWS CLI)."""

    def config(self, text: str) -> dict[str, str]:
        d = tempfile.mkdtemp(prefix="awsq-cli-")
        self.addCleanup(lambda: __import__("shutil").rmtree(d, ignore_errors=True))
        Path(d, "config").write_text(text)
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(HOME=d, AWS_CONFIG_FILE=str(Path(d, "config")), AWS_SHARED_CREDENTIALS_FILE=str(Path(d, "none")))
        return env

    def test_text_rows_with_upper_cased_prefixes_and_sorted_columns(self):
        r = run("sts", "get-caller-identity", "--replay", REPLAY, "--output", "text")
        self.assertEqual((r.returncode, r.stdout),
                         (0, "123456789012\tarn:aws:iam::123456789012:user/awsq-dev\tAIDAJQABLZS4A3QDU576Q\n"))
        r = run("rds", "describe-db-instances", "--replay", REPLAY, "--output", "text")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertTrue(lines[0].startswith("DBINSTANCES\t100\tdb.r6g.large\torders-primary\tavailable"), lines[0])
        self.assertIn("TAGLIST\tteam\torders", lines)
        self.assertIn("READREPLICADBINSTANCEIDENTIFIERS\torders-replica-1", lines)
        self.assertEqual(sum(line.startswith("DBINSTANCES\t") for line in lines), 3)

    def test_table_has_the_operation_as_title(self):
        r = run("sts", "get-caller-identity", "--replay", REPLAY, "--output", "table")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines()[:3], ["-" * 56, "|" + " " * 19 + "GetCallerIdentity" + " " * 18 + "|",
                                                      "+---------+--------------------------------------------+"])
        self.assertIn("|  Account|  123456789012                              |", r.stdout)

    def test_query_applies_after_pages_are_merged(self):
        r = run("rds", "describe-export-tasks", "--replay", REPLAY, "--query", "ExportTasks[-1].ExportTaskIdentifier")
        self.assertEqual((r.returncode, r.stdout), (0, '"users-weekly"\n'))
        r = run("rds", "describe-export-tasks", "--replay", REPLAY, "--query", "length(ExportTasks)")
        self.assertEqual((r.returncode, r.stdout), (0, "5\n"))
        # The text format, as the AWS CLI's, writes a listing page by page, each queried alone.
        r = run("rds", "describe-export-tasks", "--replay", REPLAY, "--query", "length(ExportTasks)", "--output", "text")
        self.assertEqual((r.returncode, r.stdout), (0, "2\n2\n1\n"))

    def test_a_bad_query_is_a_usage_error_naming_the_column(self):
        r = run("rds", "describe-export-tasks", "--replay", REPLAY, "--query", "ExportTasks[?Status==]")
        self.assertEqual(r.returncode, 252)  # every usage error, as the AWS CLI v2
        self.assertEqual(r.stdout, "")
        self.assertIn("awsq: --query: jmespath: ", r.stderr)
        self.assertIn("at column 21", r.stderr)
        r = run("rds", "describe-export-tasks", "--replay", REPLAY, "--query", "abs(ExportTasks)")
        self.assertEqual(r.returncode, 255)  # fails on the output, as the AWS CLI's
        self.assertIn("awsq: --query: ", r.stderr)

    def test_bad_choices_are_usage_errors(self):
        for args, message in [(("--output", "yaml"), "--output: invalid choice \"yaml\""),
                              (("--cli-timestamp-format", "epoch"), "--cli-timestamp-format: invalid choice")]:
            with self.subTest(args=args):
                r = run("sts", "get-caller-identity", "--replay", REPLAY, *args)
                self.assertEqual(r.returncode, 252)
                self.assertIn(message, r.stderr)

    def test_output_from_environment_then_profile_and_the_flag_wins(self):
        env = self.config("[default]\noutput = table\n")
        def call(*args, extra=None):
            return subprocess.run([AWSQ, "sts", "get-caller-identity", "--replay", REPLAY, *args], capture_output=True,
                                  text=True, timeout=60, env={**env, **(extra or {})})
        self.assertTrue(call().stdout.startswith("-----"))
        self.assertTrue(call(extra={"AWS_DEFAULT_OUTPUT": "text"}).stdout.startswith("123456789012\t"))
        self.assertTrue(call("--output", "json", extra={"AWS_DEFAULT_OUTPUT": "text"}).stdout.startswith("{"))
        r = call(extra={"AWS_DEFAULT_OUTPUT": "yaml"})
        self.assertEqual(r.returncode, 253)
        self.assertIn("AWS_DEFAULT_OUTPUT: unknown output type \"yaml\"", r.stderr)

    def test_timestamps_wire_by_default_iso8601_as_the_aws_cli_v2(self):
        query = ("--query", "ExportTasks[0].[SnapshotTime, TaskEndTime]", "--output", "text", "--no-paginate")
        r = run("rds", "describe-export-tasks", "--replay", REPLAY, *query)
        self.assertEqual(r.stdout, "2024-06-01T03:10:42.118000Z\t2024-06-01T04:47:31.640000Z\n")
        r = run("rds", "describe-export-tasks", "--replay", REPLAY, *query, "--cli-timestamp-format", "iso8601")
        self.assertEqual(r.stdout, "2024-06-01T03:10:42.118000+00:00\t2024-06-01T04:47:31.640000+00:00\n")
        env = self.config("[default]\ncli_timestamp_format = iso8601\n")
        r = subprocess.run([AWSQ, "rds", "describe-export-tasks", "--replay", REPLAY, *query], capture_output=True,
                           text=True, timeout=60, env=env)
        self.assertEqual(r.stdout, "2024-06-01T03:10:42.118000+00:00\t2024-06-01T04:47:31.640000+00:00\n")
        # Only timestamp members change: a string that looks like one stays as it is.
        r = run("rds", "describe-export-tasks", "--replay", REPLAY, "--cli-timestamp-format", "iso8601",
                "--query", "ExportTasks[0].ExportTaskIdentifier")
        self.assertEqual(r.stdout, '"nightly-orders-2024-06-01"\n')


class Wait(unittest.TestCase):
    def test_success_prints_nothing_and_exits_0(self):
        for args in (("rds", "wait", "db-instance-available", "--db-instance-identifier", "orders-primary"),
                     ("rds", "wait", "db-instance-deleted", "--db-instance-identifier", "no-such-db"),
                     ("redshift", "wait", "cluster-available", "--cluster-identifier", "analytics")):
            with self.subTest(args=args):
                r = run(*args, "--replay", REPLAY)
                self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", ""))

    def test_failure_says_which_acceptor_and_exits_255(self):
        r = run("rds", "wait", "db-instance-available", "--db-instance-identifier", "orders-old", "--replay", REPLAY)
        self.assertEqual(r.returncode, 255)
        self.assertEqual(r.stdout, "")
        self.assertEqual(r.stderr, 'awsq: Waiter DBInstanceAvailable failed: Waiter encountered a terminal failure '
                                   'state: For expression "DBInstances[].DBInstanceStatus" we matched expected '
                                   'path: "deleting" at least once\n')
        r = run("rds", "wait", "db-instance-available", "--db-instance-identifier", "no-such-db", "--replay", REPLAY)
        self.assertEqual(r.returncode, 255)
        self.assertIn("Waiter DBInstanceAvailable failed: An error occurred (DBInstanceNotFound): DBInstance "
                      "no-such-db not found.", r.stderr)

    def test_usage_errors(self):
        for args, message in [(("rds", "wait", "no-such-waiter"), "unknown waiter: rds wait no-such-waiter"),
                              (("sts", "wait", "db-instance-available"), "unknown waiter"),
                              (("rds", "wait", "db-instance-available", "--bogus", "1"), "unknown option --bogus"),
                              (("rds", "wait", "db-instance-available", "extra"), "unexpected argument extra")]:
            with self.subTest(args=args):
                r = run(*args, "--replay", REPLAY)
                self.assertEqual(r.returncode, 252, r.stderr)
                self.assertIn(message, r.stderr)

    def test_help_lists_the_waiters_and_their_flags(self):
        r = run("redshift", "help")
        self.assertIn("waiters (awsq redshift wait WAITER):\n  cluster-available\n  cluster-deleted\n"
                      "  cluster-restored\n", r.stdout)
        r = run("rds", "wait", "db-instance-available", "--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("every 30 s, at most 60 times", r.stdout)
        self.assertIn("[--db-instance-identifier <value>]", r.stdout)


def dry_body(*args: str) -> str:
    """The form body --dry-run prints for a command line (after Action and Version)."""
    r = run(*args, "--dry-run", "--region", "us-east-1")
    if r.returncode != 0:
        raise AssertionError(f"exit {r.returncode}: {r.stderr}")
    return r.stdout.rstrip("\n").rsplit("\n", 1)[-1].split("&", 2)[2]


EXPORT_TASKS_SKELETON = """{
    "ExportTaskIdentifier": "",
    "SourceArn": "",
    "Filters": [
        {
            "Name": "",
            "Values": [
                ""
            ]
        }
    ],
    "Marker": "",
    "MaxRecords": 0,
    "SourceType": "SNAPSHOT"
}
"""


class Shorthand(unittest.TestCase):
    """The AWS CLI's shorthand syntax, read into the same JSON as the JSON syntax."""

    def test_a_list_of_structures_takes_every_word(self):
        self.assertEqual(
            dry_body("rds", "describe-export-tasks", "--filters", "Name=status,Values=complete,failed",
                     "Name=source-type,Values=SNAPSHOT", "--max-records", "20"),
            "Filters.Filter.1.Name=status&Filters.Filter.1.Values.Value.1=complete"
            "&Filters.Filter.1.Values.Value.2=failed&Filters.Filter.2.Name=source-type"
            "&Filters.Filter.2.Values.Value.1=SNAPSHOT&MaxRecords=20")

    def test_quotes_explicit_lists_escaped_commas_and_a_single_value_as_a_list(self):
        self.assertEqual(
            dry_body("rds", "describe-export-tasks", "--filters", "Name=\"a b\",Values=[x,'y,z']",
                     "Name=c\\,d,Values=e"),
            "Filters.Filter.1.Name=a+b&Filters.Filter.1.Values.Value.1=x&Filters.Filter.1.Values.Value.2=y%2Cz"
            "&Filters.Filter.2.Name=c%2Cd&Filters.Filter.2.Values.Value.1=e")
        # `a=b,c=d`: the comma before `c=` ends b; a doubled comma is skipped, as the AWS CLI does.
        self.assertEqual(dry_body("rds", "describe-export-tasks", "--filters", "Name=a,,Values=b,c"),
                         "Filters.Filter.1.Name=a&Filters.Filter.1.Values.Value.1=b&Filters.Filter.1.Values.Value.2=c")

    def test_json_where_the_value_starts_like_json_each_word_or_the_whole(self):
        self.assertEqual(
            dry_body("rds", "describe-export-tasks", "--filters", '{"Name": "a", "Values": ["b"]}',
                     ' {"Name": "c", "Values": ["d"]}'),
            "Filters.Filter.1.Name=a&Filters.Filter.1.Values.Value.1=b"
            "&Filters.Filter.2.Name=c&Filters.Filter.2.Values.Value.1=d")

    def test_lists_of_scalars_and_of_structures(self):
        # A list of scalars takes each word as one value (a comma is part of it, as in the AWS CLI).
        self.assertEqual(dry_body("redshift", "describe-clusters", "--tag-keys", "a", "b,c", "--max-records", "20"),
                         "MaxRecords=20&TagKeys.TagKey.1=a&TagKeys.TagKey.2=b%2Cc")
        self.assertEqual(
            dry_body("sts", "assume-role", "--role-arn", "arn:aws:iam::123456789012:role/r", "--role-session-name",
                     "ss", "--tags", "Key=a,Value=b", "Key=c,Value='x y'", "--policy-arns", "arn=arn:aws:iam::aws:policy/P",
                     "--duration-seconds", "900", "--transitive-tag-keys", "[\"a\", \"b\"]"),
            "RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr&RoleSessionName=ss"
            "&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FP&DurationSeconds=900"
            "&Tags.member.1.Key=a&Tags.member.1.Value=b&Tags.member.2.Key=c&Tags.member.2.Value=x+y"
            "&TransitiveTagKeys.member.1=a&TransitiveTagKeys.member.2=b")

    def test_errors_name_the_flag_and_the_column(self):
        for args, message in [
            (("--filters", "Name"), "awsq: Error parsing parameter '--filters': Expected: '=', received: 'EOF' "
                                    "at column 5 for input:\nName\n    ^\n"),
            (("--filters", "Name=a,Values=[x"), "Expected: ',', received: 'EOF' at column 17 for input:\n"),
            (("--filters", "Name=a,Name=b"), "Second instance of key \"Name\" encountered at column 8 for input:\n"
                                             "Name=a,Name=b\n       ^\nThis is often because there is a preceding"),
            (("--filters", "Name=" + "[" * 100), "'--filters': nested deeper than 64 levels at column 70"),
            (("--filters", "Name=a,Values='x"), "Expected: '<singled quoted>', received: '<none>'"),
            (("--max-records", "20", "30"), "Unknown options: 30 (--max-records takes one value)"),
            (("--filters", "[not json"), "--filters: not JSON: syntax error at line 1, column 2"),
        ]:
            with self.subTest(args=args):
                r = run("rds", "describe-export-tasks", *args, "--dry-run")
                self.assertEqual(r.returncode, 252, r.stderr)
                self.assertEqual(r.stdout, "")
                self.assertIn(message, r.stderr)
        # A value of the wrong type is from_json's error, with its path, as for JSON.
        r = run("rds", "describe-export-tasks", "--filters", "Name=a,Values={x=y}", "--dry-run")
        self.assertEqual(r.returncode, 252)
        self.assertIn("DescribeExportTasksRequest.Filters[0].Values[0]: expected a string", r.stderr)

    def test_a_last_word_help_is_still_the_help_request(self):
        r = run("rds", "describe-export-tasks", "--filters", "Name=a,Values=b", "help")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("awsq rds describe-export-tasks", r.stdout)
        self.assertEqual(r.stderr, "")


def has_operation(service: str, operation: str) -> bool:
    return f"\n  {operation}\n" in run(service, "help").stdout


class BooleanSwitches(unittest.TestCase):
    @unittest.skipUnless(has_operation("redshift", "describe-cluster-snapshots"),
                         "the CLI is built without redshift describe-cluster-snapshots (a boolean member): "
                         "-DAWSQ_CLI_SERVICES=redshift")
    def test_flag_alone_is_true_no_flag_false_and_a_value_still_works(self):
        base = ("redshift", "describe-cluster-snapshots")
        self.assertEqual(dry_body(*base, "--cluster-exists"), "ClusterExists=true")
        self.assertEqual(dry_body(*base, "--no-cluster-exists"), "ClusterExists=false")
        self.assertEqual(dry_body(*base, "--cluster-exists", "false"), "ClusterExists=false")
        self.assertEqual(dry_body(*base, "--cluster-exists", "--max-records", "20"), "MaxRecords=20&ClusterExists=true")
        r = run(*base, "--cluster-exists", "maybe", "--dry-run")
        self.assertEqual(r.returncode, 252)
        self.assertIn("--cluster-exists: expected true or false", r.stderr)


class ParamFiles(unittest.TestCase):
    """file:// (UTF-8 text) and fileb:// (bytes) for any member and for --cli-input-json."""

    def setUp(self) -> None:
        self.dir = tempfile.TemporaryDirectory()
        self.path = Path(self.dir.name)

    def tearDown(self) -> None:
        self.dir.cleanup()

    def file(self, name: str, content: bytes) -> str:
        (self.path / name).write_bytes(content)
        return str(self.path / name)

    def test_any_member_and_cli_input_json(self):
        ident = self.file("id.txt", "snapshot-\u00e9\n".encode())
        filters = self.file("filters.txt", b"Name=status,Values=a,b")
        self.assertEqual(dry_body("rds", "describe-export-tasks", "--export-task-identifier", "file://" + ident,
                                  "--filters", "file://" + filters),
                         "ExportTaskIdentifier=snapshot-%C3%A9%0A&Filters.Filter.1.Name=status"
                         "&Filters.Filter.1.Values.Value.1=a&Filters.Filter.1.Values.Value.2=b")
        doc = self.file("input.json", b'{"MaxRecords": 50, "Marker": "m"}')
        for prefix in ("file://", "fileb://", "@"):
            with self.subTest(prefix=prefix):
                self.assertEqual(dry_body("rds", "describe-export-tasks", "--cli-input-json", prefix + doc),
                                 "Marker=m&MaxRecords=50")

    def test_paths_take_the_home_directory_and_environment_variables(self):
        self.file("id.txt", b"snapshot-1")
        (self.path / "${x").mkdir()
        with mock.patch.dict(os.environ, {"AWSQ_TEST_FILES": self.dir.name, "HOME": self.dir.name}):
            os.environ.pop("AWSQ_TEST_UNSET", None)
            # (an unclosed "${" is no variable, and the text after it still expands)
            for path in ("$AWSQ_TEST_FILES/id.txt", "${AWSQ_TEST_FILES}/id.txt", "~/id.txt",
                         "$AWSQ_TEST_FILES/${x/../id.txt"):
                with self.subTest(path=path):
                    self.assertEqual(dry_body("rds", "describe-export-tasks", "--marker", "file://" + path),
                                     "Marker=snapshot-1")
            # as Python's os.path.expandvars: what names no set variable stays as written
            for path in ("$AWSQ_TEST_UNSET/id.txt", "${AWSQ_TEST_FILES", "$/id.txt", "${}/id.txt"):
                with self.subTest(path=path):
                    r = run("rds", "describe-export-tasks", "--marker", "file://" + path, "--dry-run")
                    self.assertEqual(r.returncode, 252, r.stderr)
                    self.assertIn(f"Unable to load paramfile file://{path}: No such file or directory", r.stderr)

    def test_shorthand_key_at_equals_reads_the_file(self):
        # As the AWS CLI's shorthand: `key@=` reads a file:// or fileb:// value (in an explicit list too, quoted
        # too); `key=` takes the same text as written.
        name = self.file("name.txt", b"status")
        self.assertEqual(dry_body("rds", "describe-export-tasks", "--filters",
                                  f"Name@=file://{name},Values@=[file://{name},b]", f"Name=x,Values @= '{'file://' + name}'"),
                         "Filters.Filter.1.Name=status&Filters.Filter.1.Values.Value.1=status"
                         "&Filters.Filter.1.Values.Value.2=b&Filters.Filter.2.Name=x"
                         "&Filters.Filter.2.Values.Value.1=status")
        self.assertIn("&Filters.Filter.1.Values.Value.1=file%3A%2F%2F%2F",
                      dry_body("rds", "describe-export-tasks", "--filters", f"Name@=file://{name},Values=file://{name}"))
        # A file that cannot be read is the error, also where the word would have been the next key (as aws v1).
        for filters in ("Name@=file:///nonexistent/awsq,Values=a", "Name=x,Values@=a,file:///nonexistent/awsq=b"):
            with self.subTest(filters=filters):
                r = run("rds", "describe-export-tasks", "--filters", filters, "--dry-run")
                self.assertEqual(r.returncode, 252, r.stderr)
                self.assertIn("Error parsing parameter '--filters': Unable to load paramfile file:///nonexistent/awsq: "
                              "No such file or directory", r.stderr)

    def test_unreadable_files_are_usage_errors_naming_the_file(self):
        binary = self.file("binary", b"\xff\xfe")
        for args, message in [
            (("--marker", "file:///nonexistent/awsq"),
             "Error parsing parameter '--marker': Unable to load paramfile file:///nonexistent/awsq: "
             "No such file or directory"),
            (("--marker", "file://" + self.dir.name), "Unable to load paramfile file://" + self.dir.name +
             ": Is a directory"),
            (("--marker", "file://" + binary), f"Unable to load paramfile ({binary}), text contents could not be "
                                               "decoded."),
            (("--marker", "fileb://" + binary), "fileb:// gives bytes, for a blob member only"),
            (("--cli-input-json", "file:///nonexistent/awsq.json"),
             "Error parsing parameter '--cli-input-json': Unable to load paramfile file:///nonexistent/awsq.json"),
        ]:
            with self.subTest(args=args):
                r = run("rds", "describe-export-tasks", *args, "--dry-run")
                self.assertEqual(r.returncode, 252, r.stderr)
                self.assertIn(message, r.stderr)

    def test_the_json_size_limit_applies(self):
        big = self.file("big.txt", b"x" * (16 * 1024 * 1024 + 1))
        r = run("rds", "describe-export-tasks", "--marker", "file://" + big, "--dry-run")
        self.assertEqual(r.returncode, 252)
        self.assertIn("larger than the limit of 16777216 bytes", r.stderr)


class Skeleton(unittest.TestCase):
    def test_input_skeleton_as_the_aws_cli_prints_it(self):
        r = run("rds", "describe-export-tasks", "--generate-cli-skeleton")
        self.assertEqual((r.returncode, r.stderr), (0, ""))
        self.assertEqual(r.stdout, EXPORT_TASKS_SKELETON)
        self.assertEqual(run("rds", "describe-export-tasks", "--generate-cli-skeleton", "input").stdout,
                         EXPORT_TASKS_SKELETON)
        self.assertEqual(run("sts", "get-caller-identity", "--generate-cli-skeleton").stdout, "{}\n")
        # Required members are not asked for; a bad flag is still an error.
        r = run("sts", "assume-role", "--generate-cli-skeleton")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith('{\n    "RoleArn": "",\n    "RoleSessionName": "",\n'), r.stdout)
        r = run("sts", "assume-role", "--generate-cli-skeleton", "--duration-seconds", "abc")
        self.assertEqual(r.returncode, 252)
        self.assertIn('--duration-seconds: "abc" is not an integer', r.stderr)

    def test_output_skeleton_with_member_names_in_the_output_format(self):
        r = run("rds", "describe-export-tasks", "--generate-cli-skeleton", "output")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(out["Marker"], "Marker")
        self.assertEqual(out["ExportTasks"][0]["ExportOnly"], ["String"])
        self.assertEqual(out["ExportTasks"][0]["SnapshotTime"], "1970-01-01T00:00:00")
        self.assertEqual(out["ExportTasks"][0]["PercentProgress"], 0)
        r = run("rds", "describe-export-tasks", "--generate-cli-skeleton", "output", "--output", "text",
                "--query", "ExportTasks[0].[SnapshotTime, SourceType]")
        self.assertEqual(r.stdout, "1970-01-01 00:00:00\tSourceType\n")
        # The output's skeleton validates the request first.
        r = run("rds", "describe-export-tasks", "--generate-cli-skeleton", "output", "--max-records", "5")
        self.assertEqual(r.returncode, 252)
        self.assertIn("MaxRecords: 5 is below the minimum 20", r.stderr)
        r = run("rds", "describe-export-tasks", "--generate-cli-skeleton", "yaml")
        self.assertEqual(r.returncode, 252)
        self.assertIn('--generate-cli-skeleton: invalid choice "yaml", valid choices are: input | output', r.stderr)


if __name__ == "__main__":
    unittest.main()
