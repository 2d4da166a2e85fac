"""awsq against the AWS CLI v1 installed on the machine (`aws`): both pointed with --endpoint-url at the same
local server (recording_server.py, answering from examples/replay), with fake credentials and
`cli_timestamp_format = iso8601` in a temporary config so v1 prints timestamps as v2 does. Compared:
--output json|text|table (table also whitespace-normalised), --query, pagination flags, `wait` and exit codes;
shorthand, file:// and boolean-switch inputs by the request each tool sends (parsed as a form), and
--generate-cli-skeleton byte for byte.

Run by ctest (the `cli` test) with AWSQ_CLI=<awsq> and AWSQ_REPLAY=<examples/replay>; skipped when `aws` is absent.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from recording_server import RecordingServer  # noqa: E402

AWSQ = os.environ.get("AWSQ_CLI", "awsq")
REPLAY = os.environ.get("AWSQ_REPLAY", str(Path(__file__).resolve().parents[2] / "examples" / "replay"))
AWS = shutil.which("aws")

COMMANDS = [
    ("rds", "describe-export-tasks"),          # three pages
    ("rds", "describe-db-instances"),          # two pages, nested structures and lists
    ("redshift", "describe-table-restore-status"),  # two pages
    ("redshift", "describe-clusters"),         # one page, lists of structures inside structures
    ("sts", "get-caller-identity"),            # not paginated
]


def normalised(text: str) -> str:
    """A table with every run of whitespace made one space (the brief's comparison for tables)."""
    return " ".join(text.split())


@unittest.skipIf(AWS is None, "the AWS CLI (`aws`) is not installed: no differential test against it")
@unittest.skipIf(os.environ.get("AWSQ_AWS_DIFFERENTIAL") == "0",
                 "AWSQ_AWS_DIFFERENTIAL=OFF (this preset rebuilds the same code another way; `test` compares it)")
class AgainstAwsCli(unittest.TestCase):
    def setUp(self) -> None:
        self.server = RecordingServer(REPLAY).start()
        self.tmp = Path(tempfile.mkdtemp(prefix="awsq-differential-"))
        (self.tmp / "config").write_text("[default]\nregion = us-east-1\ncli_timestamp_format = iso8601\n"
                                         "[profile tables]\nregion = us-east-1\ncli_timestamp_format = iso8601\n"
                                         "output = table\n")
        (self.tmp / "credentials").write_text("[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                                              "aws_secret_access_key = fake-secret-for-tests\n"
                                              "[tables]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                                              "aws_secret_access_key = fake-secret-for-tests\n")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        self.env.update(AWS_CONFIG_FILE=str(self.tmp / "config"),
                        AWS_SHARED_CREDENTIALS_FILE=str(self.tmp / "credentials"),
                        AWS_EC2_METADATA_DISABLED="true", HOME=str(self.tmp))

    def tearDown(self) -> None:
        self.server.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def both(self, *args: str, env: dict[str, str] | None = None):
        """(aws, awsq) results of the same command line, both against the local server."""
        environment = {**self.env, **(env or {})}
        common = [*args, "--endpoint-url", self.server.url]
        aws = subprocess.run([AWS, *common], capture_output=True, text=True, timeout=120, env=environment)
        awsq = subprocess.run([AWSQ, *common], capture_output=True, text=True, timeout=120, env=environment)
        return aws, awsq

    def same(self, *args: str, env: dict[str, str] | None = None, table: bool = False):
        aws, awsq = self.both(*args, env=env)
        self.assertEqual(aws.returncode, 0, aws.stderr)
        self.assertEqual(awsq.returncode, 0, awsq.stderr)
        if table:
            self.assertEqual(normalised(awsq.stdout), normalised(aws.stdout))
        # Byte for byte: json and text always; tables too, as awsq lays them out as table.py does.
        self.assertEqual(awsq.stdout, aws.stdout)
        return awsq

    def test_every_output_format_of_every_command(self):
        for service, operation in COMMANDS:
            for output in ("json", "text", "table"):
                with self.subTest(command=f"{service} {operation}", output=output):
                    r = self.same(service, operation, "--output", output, table=output == "table")
                    self.assertNotEqual(r.stdout, "")

    def test_output_from_the_environment_and_the_profile_and_the_flag_wins(self):
        self.same("rds", "describe-db-instances", env={"AWS_DEFAULT_OUTPUT": "text"})
        self.same("redshift", "describe-clusters", "--profile", "tables", table=True)
        r = self.same("redshift", "describe-clusters", "--profile", "tables", "--output", "json")
        self.assertTrue(r.stdout.startswith("{"))
        r = self.same("sts", "get-caller-identity", "--output", "text", env={"AWS_DEFAULT_OUTPUT": "table"})
        self.assertEqual(r.stdout, "123456789012\tarn:aws:iam::123456789012:user/awsq-dev\tAIDAJQABLZS4A3QDU576Q\n")

    def test_query_after_the_pages_are_merged_in_every_format(self):
        queries = [
            ("rds", "describe-export-tasks", "ExportTasks[?Status==`COMPLETE`].ExportTaskIdentifier"),
            ("rds", "describe-export-tasks", "ExportTasks[].[ExportTaskIdentifier, PercentProgress]"),
            # (a table of rows of unequal length: the AWS CLI fails, "Row should have 3 elements")
            ("rds", "describe-export-tasks", "ExportTasks[].[ExportTaskIdentifier, PercentProgress, ExportOnly]", "json", "text"),
            ("rds", "describe-export-tasks", "ExportTasks[?Status=='NOPE']"),  # empty: nothing in text and table
            ("rds", "describe-export-tasks", "ExportTasks[-1]"),
            ("rds", "describe-db-instances", "DBInstances[0].Endpoint"),
            ("rds", "describe-db-instances", "DBInstances[].TagList[]"),
            ("rds", "describe-db-instances", "DBInstances[].{id: DBInstanceIdentifier, multi: MultiAZ, port: Endpoint.Port}"),
            ("rds", "describe-db-instances", "DBInstances[0].NoSuchMember"),  # null / None
            ("redshift", "describe-clusters", "Clusters[].ClusterNodes"),
            ("redshift", "describe-clusters", "length(Clusters)"),
            ("redshift", "describe-clusters", "sort_by(Clusters, &ClusterCreateTime)[].ClusterIdentifier"),
            ("redshift", "describe-table-restore-status",
             "TableRestoreStatusDetails[].{id: TableRestoreRequestId, status: Status}"),
            ("sts", "get-caller-identity", "Account"),
        ]
        for service, operation, query, *formats in queries:
            for output in formats or ("json", "text", "table"):
                with self.subTest(query=query, output=output):
                    self.same(service, operation, "--query", query, "--output", output, table=output == "table")

    def test_pagination_flags(self):
        for output in ("json", "text", "table"):
            with self.subTest(output=output):
                # max_items: NextToken in the merged output, and (text) on its own NEXTTOKEN row.
                self.same("rds", "describe-export-tasks", "--max-items", "3", "--output", output, table=True)
                self.same("rds", "describe-export-tasks", "--max-items", "3", "--output", output,
                          "--query", "ExportTasks[].ExportTaskIdentifier", table=True)
                self.same("redshift", "describe-table-restore-status", "--no-paginate", "--output", output, table=True)
        # The text format writes a listing page by page, each queried alone: a query is printed per page.
        r = self.same("rds", "describe-db-instances", "--output", "text", "--query", "DBInstances[0].DBInstanceIdentifier")
        self.assertEqual(r.stdout, "orders-primary\nbilling-db\n")

    def test_wait_success_and_failure_exit_codes(self):
        # Both print nothing on success (0); a failure says why on stderr and exits 255 (v1 and v2 alike).
        for args, code in [
            (("rds", "wait", "db-instance-available", "--db-instance-identifier", "orders-primary"), 0),
            (("rds", "wait", "db-instance-available", "--db-instance-identifier", "orders-old"), 255),  # deleting
            (("rds", "wait", "db-instance-available", "--db-instance-identifier", "no-such-db"), 255),  # error
            (("rds", "wait", "db-instance-deleted", "--db-instance-identifier", "no-such-db"), 0),  # error = success
            (("redshift", "wait", "cluster-available", "--cluster-identifier", "analytics"), 0),
        ]:
            with self.subTest(args=args):
                aws, awsq = self.both(*args)
                self.assertEqual((aws.returncode, awsq.returncode), (code, code), (aws.stderr, awsq.stderr))
                self.assertEqual((aws.stdout, awsq.stdout), ("", ""))
                if code:
                    message = aws.stderr.strip()
                    self.assertTrue(message.startswith("Waiter DBInstanceAvailable failed: "), message)
                    self.assertIn(message, awsq.stderr)

    def test_exit_codes_where_v1_differs_from_v2(self):
        # A service error: v1 exits 255, v2 (and awsq) 254; the message is the same.
        aws, awsq = self.both("rds", "describe-export-tasks", "--export-task-identifier", "no-such-export")
        self.assertEqual((aws.returncode, awsq.returncode), (255, 254))
        self.assertEqual(awsq.stderr, aws.stderr.lstrip("\n"))
        # A bad --query: v1 exits 255, v2 and awsq 252 ("parameter error"), naming the column where the
        # expression stops.
        aws, awsq = self.both("rds", "describe-export-tasks", "--query", "ExportTasks[?Status==")
        self.assertEqual((aws.returncode, awsq.returncode), (255, 252))
        self.assertIn("Incomplete expression", aws.stderr)
        self.assertIn("--query: jmespath: unexpected end of expression at column 21", awsq.stderr)
        # A query failing on the output (a function's argument type): 255 for both.
        aws, awsq = self.both("rds", "describe-export-tasks", "--query", 'abs(`"x"`)')
        self.assertEqual((aws.returncode, awsq.returncode), (255, 255))
        # An unknown output format or waiter: argparse's usage error, 2 in v1, 252 in v2 and awsq.
        for args in (("rds", "describe-export-tasks", "--output", "yaml"), ("rds", "wait", "no-such-waiter")):
            with self.subTest(args=args):
                aws, awsq = self.both(*args)
                self.assertEqual((aws.returncode, awsq.returncode), (2, 252))


# The AWS CLI run in this Python with random.choice picking the first item: botocore's skeleton of a string
# with an enum is a random one of its values, awsq's is the first.
AWS_FIRST_ENUM = [sys.executable, "-c", "import random, sys; random.choice = lambda seq: seq[0]; "
                  "from awscli.clidriver import main; sys.exit(main())"]
HAS_AWSCLI = importlib.util.find_spec("awscli") is not None


@unittest.skipIf(AWS is None, "the AWS CLI (`aws`) is not installed: no differential test against it")
@unittest.skipIf(os.environ.get("AWSQ_AWS_DIFFERENTIAL") == "0",
                 "AWSQ_AWS_DIFFERENTIAL=OFF (this preset rebuilds the same code another way; `test` compares it)")
class InputAgainstAwsCli(unittest.TestCase):
    """The same command line, given in shorthand, file:// or switches, sends the same request from both tools."""

    setUp, tearDown, both = AgainstAwsCli.setUp, AgainstAwsCli.tearDown, AgainstAwsCli.both  # not its tests

    def sent(self, tool: list[str], *args: str) -> tuple[subprocess.CompletedProcess, dict[str, str] | None]:
        self.server.requests.clear()
        r = subprocess.run([*tool, *args, "--endpoint-url", self.server.url], capture_output=True, text=True,
                           timeout=120, env=self.env)
        return r, (self.server.requests[0] if self.server.requests else None)

    def same_request(self, *args: str, awsq_tool: str = AWSQ) -> dict[str, str]:
        aws, aws_sent = self.sent([AWS], *args)
        awsq, awsq_sent = self.sent([awsq_tool], *args)
        self.assertIsNotNone(aws_sent, aws.stderr)
        self.assertIsNotNone(awsq_sent, awsq.stderr)
        self.assertEqual(awsq_sent, aws_sent)
        return awsq_sent

    def test_shorthand_sends_what_the_aws_cli_sends(self):
        for args in [
            ("rds", "describe-export-tasks", "--filters", "Name=status,Values=complete,failed",
             "Name=source-type,Values=SNAPSHOT"),
            ("rds", "describe-export-tasks", "--filters", "Name=\"a b\",Values=[x,'y,z',\"q\\\"r\"]",
             "Name=c\\,d , Values = e"),
            ("rds", "describe-export-tasks", "--filters", "Name=a,,Values=b,c"),
            ("rds", "describe-export-tasks", "--filters", '{"Name": "a", "Values": ["b"]}', '{"Name": "c", "Values": []}'),
            ("rds", "describe-export-tasks", "--filters", '[{"Name": "a", "Values": ["b", "c"]}]', "--max-records", "20"),
            ("rds", "describe-db-instances", "--filters", "Name=engine,Values=[postgres,mysql]"),
            # (no recording answers these: both fail, after sending)
            ("redshift", "describe-clusters", "--tag-keys", "a", "b,c", "--tag-values", "[\"v\"]"),
            ("sts", "assume-role", "--role-arn", "arn:aws:iam::123456789012:role/r", "--role-session-name", "ss",
             "--tags", "Key=a,Value=b", "Key = c , Value = 'x y'", "--policy-arns", "arn=arn:aws:iam::aws:policy/P",
             "--transitive-tag-keys", "a", "b", "--duration-seconds", "900", "--provided-contexts",
             "ProviderArn=arn:aws:iam::aws:contextProvider/IdentityCenter,ContextAssertion=\"a,b\\\\c\""),
        ]:
            with self.subTest(args=args):
                self.same_request(*args)

    def test_file_values_send_what_the_aws_cli_sends(self):
        (self.tmp / "id.txt").write_text("snapshot-\u00e9 \n")
        (self.tmp / "filters.txt").write_text('[{"Name": "status", "Values": ["complete", "failed"]}]')
        # JSON in the files of lists: the AWS CLI v1 reads a list's file as one value, not as its words, so
        # shorthand there fails and a list of scalars becomes its characters (awsq reads either as one word).
        (self.tmp / "tags.txt").write_text('[{"Key": "a", "Value": "b"}]\n')
        (self.tmp / "keys.txt").write_text('["a", "b,c"]')
        (self.tmp / "input.json").write_text('{"MaxRecords": 50, "SourceType": "CLUSTER"}')
        self.env["AWSQ_TEST_FILES"] = str(self.tmp)
        for args in [
            ("rds", "describe-export-tasks", "--export-task-identifier", f"file://{self.tmp}/id.txt"),
            # ~ and environment variables in the path (HOME is self.tmp)
            ("rds", "describe-export-tasks", "--export-task-identifier", "file://$AWSQ_TEST_FILES/id.txt",
             "--marker", "file://~/id.txt"),
            ("rds", "describe-export-tasks", "--filters", f"file://{self.tmp}/filters.txt"),
            # shorthand's `key@=` reads the file (~ and variables expanded), in lists and quoted too
            ("rds", "describe-export-tasks", "--filters", f"Name@=file://{self.tmp}/id.txt,Values@=[file://~/id.txt,b]",
             "Name = x , Values @= 'file://$AWSQ_TEST_FILES/id.txt'", f"Name=file://{self.tmp}/id.txt,Values=c"),
            ("rds", "describe-export-tasks", "--cli-input-json", f"file://{self.tmp}/input.json"),
            ("rds", "describe-export-tasks", "--cli-input-json", f"fileb://{self.tmp}/input.json",
             "--max-records", "20"),
            ("redshift", "describe-clusters", "--tag-keys", f"file://{self.tmp}/keys.txt"),
            ("sts", "assume-role", "--role-arn", "arn:aws:iam::123456789012:role/r", "--role-session-name", "ss",
             "--tags", f"file://{self.tmp}/tags.txt"),
        ]:
            with self.subTest(args=args):
                self.same_request(*args)

    @unittest.skipUnless(os.environ.get("AWSQ_CLI_PAGETEST"), "AWSQ_CLI_PAGETEST: the command line of tests/models")
    def test_elb_old_list_case_sends_what_the_aws_cli_sends(self):
        # awsq_cli_pagetest has four operations of botocore's ELB model (tests/models/elb); aws uses its own.
        register = ("elb", "register-instances-with-load-balancer", "--load-balancer-name", "lb", "--instances")
        for args in [
            (*register, "i-1", "i-2"),
            (*register, "InstanceId=i-5"),
            (*register, '{"InstanceId": "i-3"}', '{"InstanceId": "i-4"}'),
            ("elb", "deregister-instances-from-load-balancer", "--load-balancer-name", "lb", "--instances", "i-7"),
            ("elb", "describe-instance-health", "--load-balancer-name", "lb", "--instances", "i-8", "i-9"),
            ("elb", "remove-tags", "--load-balancer-names", "a", "b", "--tags", "k1", "Key=k2"),
        ]:
            with self.subTest(args=args):
                self.same_request(*args, awsq_tool=os.environ["AWSQ_CLI_PAGETEST"])

    def test_shorthand_errors_are_worded_alike(self):
        for value, message in [("Name", "Expected: '=', received: 'EOF'"),
                               ("Name=a,Values=[x", "Expected: ',', received: 'EOF'"),
                               ("Name=a,Name=b", 'Second instance of key "Name" encountered')]:
            with self.subTest(value=value):
                aws, awsq = self.both("rds", "describe-export-tasks", "--filters", value)
                # v1 exits 255 for a parameter error, v2 and awsq 252.
                self.assertEqual((aws.returncode, awsq.returncode), (255, 252))
                prefix = "Error parsing parameter '--filters': " + message
                self.assertIn(prefix, aws.stderr)
                self.assertIn(prefix, awsq.stderr)

    @unittest.skipUnless(HAS_AWSCLI, "awscli is not importable from this Python (needed to fix the enum choice)")
    def test_skeletons_byte_for_byte(self):
        for args in [
            ("rds", "describe-export-tasks", "--generate-cli-skeleton"),
            ("rds", "describe-db-instances", "--generate-cli-skeleton", "input"),
            ("sts", "assume-role", "--generate-cli-skeleton"),
            ("redshift", "describe-table-restore-status", "--generate-cli-skeleton", "output", "--output", "table"),
            ("redshift", "describe-clusters", "--generate-cli-skeleton"),
            ("sts", "get-caller-identity", "--generate-cli-skeleton"),
            ("rds", "describe-export-tasks", "--generate-cli-skeleton", "output"),
            ("rds", "describe-export-tasks", "--generate-cli-skeleton", "output", "--output", "text"),
            ("rds", "describe-export-tasks", "--generate-cli-skeleton", "output", "--output", "table"),
            ("rds", "describe-db-instances", "--generate-cli-skeleton", "output"),
            ("redshift", "describe-clusters", "--generate-cli-skeleton", "output"),
            ("redshift", "describe-clusters", "--generate-cli-skeleton", "output", "--query", "Clusters[0].Endpoint"),
            ("redshift", "describe-table-restore-status", "--generate-cli-skeleton", "output", "--output", "text"),
        ]:
            with self.subTest(args=args):
                aws, _ = self.sent(AWS_FIRST_ENUM, *args)
                awsq, awsq_sent = self.sent([AWSQ], *args)
                self.assertEqual(aws.returncode, 0, aws.stderr)
                self.assertEqual(awsq.returncode, 0, awsq.stderr)
                self.assertEqual(awsq.stdout, aws.stdout)
                self.assertIsNone(awsq_sent, "a skeleton calls nothing")
        # Where the model constrains an output string, v1's stubbed call refuses its own placeholder ("Arn" is
        # shorter than 20): v1 fails, awsq prints the skeleton.
        aws, _ = self.sent(AWS_FIRST_ENUM, "sts", "get-caller-identity", "--generate-cli-skeleton", "output")
        awsq, _ = self.sent([AWSQ], "sts", "get-caller-identity", "--generate-cli-skeleton", "output")
        self.assertEqual((aws.returncode, awsq.returncode), (255, 0))
        self.assertIn("Invalid length for parameter Arn", aws.stderr)
        self.assertEqual(awsq.stdout, '{\n    "UserId": "UserId",\n    "Account": "Account",\n    "Arn": "Arn"\n}\n')


if __name__ == "__main__":
    unittest.main()
