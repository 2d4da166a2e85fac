"""End to end against moto's server on 127.0.0.1 with signature checking on: awsq's library (the
e2e_library doctest program) and the awsq command line, side by side with boto3 and the AWS CLI.

Run by ctest with AWSQ_CLI=<awsq> and AWSQ_E2E_LIBRARY=<awsq_e2e_library>. Exits 77 (skipped) when
python3 has no moto or boto3.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import unittest
import urllib.request
from pathlib import Path

try:
    import boto3
    from moto.server import ThreadedMotoServer
except ImportError as missing:  # pragma: no cover - depends on the machine
    print(f"skipped: {missing} (python3 needs moto and boto3 for the end-to-end tests)")
    sys.exit(77)

AWSQ = os.environ.get("AWSQ_CLI", "awsq")
LIBRARY = os.environ.get("AWSQ_E2E_LIBRARY", "")
REGION = "us-east-1"
DB_COUNT = 45
EXPORTS = ["orders-nightly", "billing-archive", "users-weekly"]


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto(unittest.TestCase):
    """One moto server for the whole class; every test reads what setUpClass created."""

    @classmethod
    def setUpClass(cls) -> None:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
        cls.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        cls.server.start()
        host, port = cls.server.get_host_and_port()
        cls.url = f"http://{host}:{port}"
        cls.tmp = Path(tempfile.mkdtemp(prefix="awsq-e2e-"))
        try:
            cls._populate()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def _populate(cls) -> None:
        # Four actions may still go unsigned: the user, its key, an allow-all policy and its attachment.
        reset = urllib.request.Request(cls.url + "/moto-api/reset-auth", data=b"4", method="POST",
                                       headers={"Content-Type": "text/plain"})
        urllib.request.urlopen(reset, timeout=30).read()
        admin = boto3.client("iam", endpoint_url=cls.url, region_name=REGION,
                             aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="setup")
        cls.user_arn = admin.create_user(UserName="awsq-e2e")["User"]["Arn"]
        key = admin.create_access_key(UserName="awsq-e2e")["AccessKey"]
        policy = admin.create_policy(PolicyName="allow-all", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
        admin.attach_user_policy(UserName="awsq-e2e", PolicyArn=policy["Policy"]["Arn"])
        cls.key_id, cls.secret = key["AccessKeyId"], key["SecretAccessKey"]

        # From here on every request is signed by the user.
        signed = dict(endpoint_url=cls.url, region_name=REGION, aws_access_key_id=cls.key_id,
                      aws_secret_access_key=cls.secret)
        iam = boto3.client("iam", **signed)
        role = iam.create_role(RoleName="awsq-e2e-role", AssumeRolePolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": cls.user_arn},
                                                      "Action": "sts:AssumeRole"}]}))
        cls.role_arn = role["Role"]["Arn"]
        iam.attach_role_policy(RoleName="awsq-e2e-role", PolicyArn=policy["Policy"]["Arn"])
        rds = boto3.client("rds", **signed)
        for i in range(DB_COUNT):
            rds.create_db_instance(DBInstanceIdentifier=f"awsq-db-{i:02}", DBInstanceClass="db.t3.micro",
                                   Engine="postgres", MasterUsername="admin", MasterUserPassword="password-1",
                                   AllocatedStorage=20)
        snapshot = rds.create_db_snapshot(DBSnapshotIdentifier="awsq-snap", DBInstanceIdentifier="awsq-db-00")
        for name in EXPORTS:
            rds.start_export_task(ExportTaskIdentifier=name, SourceArn=snapshot["DBSnapshot"]["DBSnapshotArn"],
                                  S3BucketName="awsq-exports", IamRoleArn=cls.role_arn, KmsKeyId="alias/awsq")
        cls.export_ids = [t["ExportTaskIdentifier"] for t in rds.describe_export_tasks()["ExportTasks"]]
        redshift = boto3.client("redshift", **signed)
        redshift.create_cluster(ClusterIdentifier="awsq-cluster", NodeType="dc2.large", MasterUsername="admin",
                                MasterUserPassword="Password1", ClusterType="single-node")
        cls.cluster_ids = [c["ClusterIdentifier"] for c in redshift.describe_clusters()["Clusters"]]

        # Profiles: an assume-role profile whose source is [base], and a credential_process profile.
        process = cls.tmp / "credential-process.py"
        process.write_text("import json\nprint(json.dumps({'Version': 1, 'AccessKeyId': %r, 'SecretAccessKey': %r}))\n"
                           % (cls.key_id, cls.secret))
        (cls.tmp / "config").write_text(
            f"[profile assumed]\nrole_arn = {cls.role_arn}\nsource_profile = base\nrole_session_name = awsq-e2e\n\n"
            f"[profile process]\ncredential_process = {sys.executable} {process}\n")
        (cls.tmp / "credentials").write_text(
            f"[base]\naws_access_key_id = {cls.key_id}\naws_secret_access_key = {cls.secret}\n")

    def env(self, **changes: str | None) -> dict[str, str]:
        """The user's keys in the environment, the test's own config files, nothing from the machine."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(HOME=str(self.tmp), AWS_ACCESS_KEY_ID=self.key_id, AWS_SECRET_ACCESS_KEY=self.secret,
                   AWS_CONFIG_FILE=str(self.tmp / "config"), AWS_SHARED_CREDENTIALS_FILE=str(self.tmp / "credentials"),
                   AWS_DEFAULT_REGION=REGION, AWS_EC2_METADATA_DISABLED="true")
        for k, v in changes.items():
            if v is None:
                env.pop(k, None)
            else:
                env[k] = v
        return env

    def awsq(self, *args: str, **env: str | None) -> subprocess.CompletedProcess:
        r = subprocess.run([AWSQ, *args], capture_output=True, text=True, timeout=120, env=self.env(**env))
        self.assertNotIn(self.secret, r.stdout + r.stderr)
        return r

    def aws(self, *args: str) -> dict:
        r = subprocess.run(["aws", *args, "--output", "json"], capture_output=True, text=True, timeout=120,
                           env=self.env())
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    # ---- the library -------------------------------------------------------------------------------
    def test_library(self):
        self.assertTrue(LIBRARY, "AWSQ_E2E_LIBRARY names the e2e library program")
        r = subprocess.run([LIBRARY], capture_output=True, text=True, timeout=600, env=self.env(
            AWSQ_E2E_ENDPOINT=self.url, AWSQ_E2E_EXPORT_IDS=",".join(self.export_ids),
            AWSQ_E2E_DB_COUNT=str(DB_COUNT), AWSQ_E2E_CLUSTER_IDS=",".join(self.cluster_ids),
            AWSQ_E2E_USER_ARN=self.user_arn, AWSQ_E2E_ASSUMED_ARN_PREFIX="arn:aws:sts::123456789012:assumed-role/awsq-e2e-role/",
            # STS for the assume-role profile goes to moto too.
            AWS_ENDPOINT_URL=self.url))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertNotIn(self.secret, r.stdout + r.stderr)

    def test_boto3_waiters_decide_as_the_library_expects(self):
        """What the library's waiter cases assume of moto, checked with botocore's own waiters."""
        rds = boto3.client("rds", endpoint_url=self.url, region_name=REGION, aws_access_key_id=self.key_id,
                           aws_secret_access_key=self.secret)
        config = {"Delay": 0, "MaxAttempts": 1}
        rds.get_waiter("db_instance_available").wait(DBInstanceIdentifier="awsq-db-00", WaiterConfig=config)
        rds.get_waiter("db_instance_deleted").wait(DBInstanceIdentifier="no-such-db", WaiterConfig=config)
        with self.assertRaisesRegex(Exception, r"^Waiter DBInstanceAvailable failed: An error occurred "
                                               r"\(DBInstanceNotFound\): "):
            rds.get_waiter("db_instance_available").wait(DBInstanceIdentifier="no-such-db", WaiterConfig=config)
        redshift = boto3.client("redshift", endpoint_url=self.url, region_name=REGION, aws_access_key_id=self.key_id,
                                aws_secret_access_key=self.secret)
        redshift.get_waiter("cluster_available").wait(ClusterIdentifier="awsq-cluster", WaiterConfig=config)

    # ---- the command line --------------------------------------------------------------------------
    def test_cli_get_caller_identity(self):
        r = self.awsq("sts", "get-caller-identity", "--endpoint-url", self.url)
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(out["Arn"], self.user_arn)
        self.assertEqual(out, self.aws("sts", "get-caller-identity", "--endpoint-url", self.url))

    def test_cli_describe_export_tasks_matches_the_aws_cli(self):
        r = self.awsq("rds", "describe-export-tasks", "--endpoint-url", self.url)
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual([t["ExportTaskIdentifier"] for t in out["ExportTasks"]], self.export_ids)
        self.assertEqual(out, self.aws("rds", "describe-export-tasks", "--endpoint-url", self.url))

    def test_cli_pages_db_instances(self):
        r = self.awsq("rds", "describe-db-instances", "--endpoint-url", self.url, "--page-size", "20")
        self.assertEqual(r.returncode, 0, r.stderr)
        names = [d["DBInstanceIdentifier"] for d in json.loads(r.stdout)["DBInstances"]]
        self.assertEqual(names, [f"awsq-db-{i:02}" for i in range(DB_COUNT)])

    def test_cli_assume_role_profile(self):
        r = self.awsq("sts", "get-caller-identity", "--profile", "assumed", "--endpoint-url", self.url,
                      AWS_ENDPOINT_URL=self.url, AWS_ACCESS_KEY_ID=None, AWS_SECRET_ACCESS_KEY=None)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(":assumed-role/awsq-e2e-role/awsq-e2e", json.loads(r.stdout)["Arn"])

    def test_cli_modeled_fault(self):
        r = self.awsq("rds", "describe-export-tasks", "--export-task-identifier", "no-such-task",
                      "--endpoint-url", self.url)
        self.assertEqual(r.returncode, 254, r.stderr)
        self.assertIn("An error occurred (ExportTaskNotFound) when calling the DescribeExportTasks operation", r.stderr)

    def test_cli_wrong_secret_is_a_service_error(self):
        r = self.awsq("sts", "get-caller-identity", "--endpoint-url", self.url,
                      AWS_SECRET_ACCESS_KEY="wrong-secret-for-this-test")
        self.assertEqual(r.returncode, 254, r.stderr)
        self.assertIn("SignatureDoesNotMatch", r.stderr)
        self.assertNotIn("wrong-secret-for-this-test", r.stdout + r.stderr)

    def test_cli_timeouts_and_no_retry_of_a_signature_error(self):
        r = self.awsq("sts", "get-caller-identity", "--endpoint-url", self.url, "--cli-connect-timeout", "5",
                      "--cli-read-timeout", "10")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["Arn"], self.user_arn)
        r = self.awsq("sts", "get-caller-identity", "--endpoint-url", self.url, "--debug",
                      AWS_SECRET_ACCESS_KEY="wrong-secret-for-this-test")
        self.assertEqual(r.returncode, 254, r.stderr)
        self.assertIn("awsq: attempt 1 of 3", r.stderr)
        self.assertNotIn("attempt 2", r.stderr)
        self.assertNotIn("reached max retries", r.stderr)

    def test_cli_debug_masks_secrets(self):
        r = self.awsq("sts", "get-caller-identity", "--profile", "assumed", "--endpoint-url", self.url, "--debug",
                      AWS_ENDPOINT_URL=self.url, AWS_ACCESS_KEY_ID=None, AWS_SECRET_ACCESS_KEY=None)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Authorization: AWS4-HMAC-SHA256 Credential=", r.stderr)
        self.assertIn("Action=GetCallerIdentity", r.stderr)
        self.assertIn("HTTP 200", r.stderr)
        self.assertNotRegex(r.stderr, r"Signature=[0-9a-f]{64}")
        token = [line for line in r.stderr.splitlines() if "X-Amz-Security-Token:" in line]
        self.assertTrue(token, r.stderr)
        # The session token moto issued is longer than what is shown.
        self.assertLess(len(token[0].split("X-Amz-Security-Token:")[1].strip()), 16)

    def test_cli_no_credentials_exits_253(self):
        r = self.awsq("sts", "get-caller-identity", "--endpoint-url", self.url, AWS_ACCESS_KEY_ID=None,
                      AWS_SECRET_ACCESS_KEY=None, AWS_SHARED_CREDENTIALS_FILE=str(self.tmp / "none"),
                      AWS_CONFIG_FILE=str(self.tmp / "none"))
        self.assertEqual(r.returncode, 253, r.stderr)
        self.assertIn("credentials", r.stderr.lower())

    def test_cli_no_region_exits_253(self):
        r = self.awsq("sts", "get-caller-identity", "--endpoint-url", self.url, AWS_DEFAULT_REGION=None,
                      AWS_CONFIG_FILE=str(self.tmp / "none"))
        self.assertEqual(r.returncode, 253, r.stderr)
        self.assertIn("region", r.stderr.lower())

    def test_cli_unknown_profile_exits_253(self):
        r = self.awsq("sts", "get-caller-identity", "--profile", "no-such-profile", "--endpoint-url", self.url)
        self.assertEqual(r.returncode, 253, r.stderr)
        self.assertIn("no-such-profile", r.stderr)

    def test_cli_transport_failure_exits_255(self):
        url = f"http://127.0.0.1:{closed_port()}"
        r = self.awsq("sts", "get-caller-identity", "--endpoint-url", url)
        self.assertEqual(r.returncode, 255, r.stderr)
        self.assertIn(url.split("//")[1], r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
