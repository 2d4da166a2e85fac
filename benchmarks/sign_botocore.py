#!/usr/bin/env python3
"""botocore's SigV4Auth.add_auth on the request benchmarks/sign_bench.cpp signs: microseconds per call.

    sign_botocore.py [--iterations N] [--repeat R]

Prints "botocore add_auth: X us per call (N calls, best of R)". The request is signed again
each time, as a retry would (add_auth replaces what it added); the clock is botocore's own.
"""

import argparse
import time

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--iterations', type=int, default=20000)
    ap.add_argument('--repeat', type=int, default=5)
    args = ap.parse_args()

    request = AWSRequest(method='POST', url='https://rds.us-east-1.amazonaws.com/',
                         headers={'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'},
                         data=b'Action=DescribeExportTasks&Version=2014-10-31&MaxRecords=20')
    signer = SigV4Auth(Credentials('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'), 'rds', 'us-east-1')
    signer.add_auth(request)
    best = float('inf')
    for _ in range(args.repeat):
        start = time.perf_counter()
        for _ in range(args.iterations):
            signer.add_auth(request)
        best = min(best, time.perf_counter() - start)
    print(f'botocore add_auth: {best / args.iterations * 1e6:.2f} us per call '
          f'({args.iterations} calls, best of {args.repeat})')


if __name__ == '__main__':
    main()
