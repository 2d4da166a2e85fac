"""awsq codegen: loader, shape graph, emitter and command line, on our models, botocore's and bad ones."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "codegen"))

from awsq_codegen import ModelError, ShapeGraph, emit_headers, load_model  # noqa: E402
from awsq_codegen.__main__ import main  # noqa: E402
from awsq_codegen.docs import cpp_string, first_sentence, help_text  # noqa: E402
from awsq_codegen.emitter import doc_comment  # noqa: E402
from awsq_codegen.loader import Acceptor  # noqa: E402
from awsq_codegen.naming import enumerator_names, identifier, snake_case  # noqa: E402

RDS = ROOT / "models/rds/2014-10-31/service-2.json"
REDSHIFT = ROOT / "models/redshift/2012-12-01/service-2.json"
STS = ROOT / "models/sts/2011-06-15/service-2.json"


def botocore_model(service: str, version: str) -> Path:
    import botocore
    folder = Path(botocore.__file__).parent / "data" / service / version
    return next(p for p in (folder / "service-2.json", folder / "service-2.json.gz") if p.exists())


def botocore_query_models() -> list[tuple[str, Path]]:
    """(service, newest model) of every botocore service that speaks query."""
    import botocore
    out = []
    for folder in sorted((Path(botocore.__file__).parent / "data").iterdir()):
        versions = sorted(v for v in folder.iterdir() if v.is_dir()) if folder.is_dir() else []
        model = next((m for m in (versions[-1] / "service-2.json", versions[-1] / "service-2.json.gz")
                      if m.exists()), None) if versions else None
        if model is not None:
            raw = model.read_bytes()
            meta = json.loads(gzip.decompress(raw) if model.suffix == ".gz" else raw)["metadata"]
            if "query" in (meta.get("protocols") or [meta.get("protocol")]):
                out.append((folder.name, model))
    return out


def headers_of(path: Path, operations: list[str] | None = None) -> dict[str, str]:
    return emit_headers(ShapeGraph(load_model(path), operations), "x/y/service-2.json")


def included(text: str) -> list[str]:
    return re.findall(r"^#include <(awsq/[^>]+)>", text, re.M)


def closure(headers: dict[str, str], start: str) -> set[str]:
    """Every generated header `start` includes, directly or not (and itself)."""
    seen, todo = set(), [start]
    while todo:
        h = todo.pop()
        if h in seen or h not in headers:
            continue
        seen.add(h)
        todo += included(headers[h])
    return seen


def tiny_model(**shapes) -> dict:
    """A minimal query model with one operation Op: OpRequest -> OpResponse."""
    base = {
        "version": "2.0",
        "metadata": {"apiVersion": "2020-01-01", "endpointPrefix": "tiny", "protocol": "query",
                     "serviceId": "Tiny", "signatureVersion": "v4", "xmlNamespace": "urn:tiny"},
        "operations": {"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"},
                              "input": {"shape": "OpRequest"},
                              "output": {"shape": "OpResponse", "resultWrapper": "OpResult"}}},
        "shapes": {"OpRequest": {"type": "structure", "members": {"Name": {"shape": "String"}}},
                   "OpResponse": {"type": "structure", "members": {}},
                   "String": {"type": "string"}},
    }
    base["shapes"].update(shapes)
    return base


class TempModels(unittest.TestCase):
    def setUp(self):
        self._dir = tempfile.TemporaryDirectory()
        self.dir = Path(self._dir.name)

    def tearDown(self):
        self._dir.cleanup()

    def write(self, doc, name="tiny", text=None) -> Path:
        path = self.dir / name / "2020-01-01" / "service-2.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if text is not None else json.dumps(doc))
        return path

    def refused(self, doc=None, text=None, pages=None) -> ModelError:
        path = self.write(doc, text=text)
        if pages is not None:
            (path.parent / "paginators-1.json").write_text(json.dumps({"pagination": pages}))
        with self.assertRaises(ModelError) as ctx:
            ShapeGraph(load_model(path))
        file = path.parent / "paginators-1.json" if pages is not None else path
        self.assertTrue(str(ctx.exception).startswith(str(file) + ": "), str(ctx.exception))
        return ctx.exception

    def graph(self, doc, pages=None, operations=None) -> ShapeGraph:
        path = self.write(doc)
        if pages is not None:
            (path.parent / "paginators-1.json").write_text(json.dumps({"pagination": pages}))
        return ShapeGraph(load_model(path), operations)

    def headers(self, doc, pages=None, operations=None) -> dict[str, str]:
        return emit_headers(self.graph(doc, pages, operations), "tiny/2020-01-01/service-2.json")


class LoadingTest(unittest.TestCase):
    def test_our_rds_model_loads_with_metadata_and_paginator(self):
        m = load_model(RDS)
        self.assertEqual(m.service, "rds")
        self.assertEqual(m.metadata.api_version, "2014-10-31")
        self.assertEqual(m.metadata.xml_namespace, "http://rds.amazonaws.com/doc/2014-10-31/")
        op = m.operations["DescribeExportTasks"]
        self.assertEqual((op.input, op.output, op.result_wrapper), ("DescribeExportTasksMessage",
                         "ExportTasksMessage", "DescribeExportTasksResult"))
        self.assertEqual([k.text for k in m.paginators["DescribeExportTasks"].result_keys], ["ExportTasks"])
        self.assertEqual(m.shapes["ExportTaskNotFoundFault"].error_code, "ExportTaskNotFound")
        self.assertEqual(m.shapes["ExportTaskNotFoundFault"].error_status, 404)

    def test_botocore_gzipped_model_loads_unchanged(self):
        m = load_model(botocore_model("rds", "2014-10-31"))
        self.assertEqual(m.service, "rds")
        self.assertIn("DescribeExportTasks", m.operations)
        self.assertIn("DescribeExportTasks", m.paginators)


    def test_a_reference_takes_its_target_shapes_location_name_unless_it_has_its_own(self):
        # botocore merges a shape's traits under the reference's (ElastiCache's
        # PendingLogDeliveryConfigurationList carries its element name on the list shape).
        m = load_model(botocore_model("elasticache", "2015-02-02"))
        members = {x.name: x for x in m.shapes["PendingModifiedValues"].members}
        self.assertEqual(members["LogDeliveryConfigurations"].location_name, "PendingLogDeliveryConfiguration")
        self.assertIsNone(members["NumCacheNodes"].location_name)


class ClosureAndOrderTest(TempModels):
    def test_closure_of_describe_export_tasks_is_exactly_its_shapes(self):
        g = ShapeGraph(load_model(RDS), ["DescribeExportTasks"])
        self.assertEqual(sorted(g.reachable), sorted([
            "DescribeExportTasksMessage", "String", "FilterList", "Filter", "FilterValueList", "MaxRecords",
            "ExportSourceType", "ExportTasksMessage", "ExportTasksList", "ExportTask", "StringList", "TStamp",
            "Integer", "ExportTaskNotFoundFault"]))

    def test_closure_restricted_to_one_operation_of_the_full_botocore_model(self):
        g = ShapeGraph(load_model(botocore_model("rds", "2014-10-31")), ["DescribeExportTasks"])
        self.assertEqual([o.name for o in g.operations], ["DescribeExportTasks"])
        self.assertNotIn("DBInstance", g.reachable)
        self.assertEqual(len(g.reachable), 14)

    def test_structures_are_defined_before_they_are_held(self):
        names = [s.name for s in ShapeGraph(load_model(RDS)).structures]
        self.assertLess(names.index("Filter"), names.index("DescribeExportTasksMessage"))
        self.assertLess(names.index("ExportTask"), names.index("ExportTasksMessage"))

    def test_a_structure_that_holds_itself_goes_through_indirect(self):
        doc = tiny_model(Node={"type": "structure", "members": {
            "Parent": {"shape": "Node"}, "Children": {"shape": "NodeList"}, "Name": {"shape": "String"}}},
            NodeList={"type": "list", "member": {"shape": "Node"}})
        doc["shapes"]["OpResponse"]["members"] = {"Root": {"shape": "Node"}}
        g = ShapeGraph(load_model(self.write(doc)))
        self.assertEqual(g.indirect, {("Node", "Parent")})
        node = g.shape("Node")
        self.assertEqual(g.member_type(node, node.members[0]), "awsq::indirect<Node>")
        self.assertEqual(g.member_type(node, node.members[1]), "std::optional<std::vector<Node>>")

    def test_a_type_named_like_a_member_is_qualified(self):
        doc = tiny_model(Mode={"type": "string", "enum": ["A"]},
                         Endpoint={"type": "structure", "members": {"Address": {"shape": "String"}}})
        doc["shapes"]["OpRequest"]["members"] = {"Mode": {"shape": "Mode"}, "Endpoint": {"shape": "Endpoint"},
                                                 "Other": {"shape": "Mode"}}
        g = ShapeGraph(load_model(self.write(doc)))
        req = g.shape("OpRequest")
        self.assertEqual([g.member_type(req, m) for m in req.members],
                         ["std::optional<awsq::open_enum<tiny::Mode>>",
                          "std::optional<tiny::Endpoint>",
                          "std::optional<awsq::open_enum<tiny::Mode>>"])

    def test_a_cycle_through_two_structures_is_broken_once(self):
        doc = tiny_model(A={"type": "structure", "members": {"B": {"shape": "B"}}},
                         B={"type": "structure", "members": {"A": {"shape": "A"}}})
        doc["shapes"]["OpResponse"]["members"] = {"A": {"shape": "A"}}
        g = ShapeGraph(load_model(self.write(doc)))
        self.assertEqual(g.indirect, {("B", "A")})
        self.assertEqual([s.name for s in g.structures if s.name in "AB"], ["B", "A"])
        self.assertEqual(g.forward, ["A"])


class RefusalTest(TempModels):
    def test_not_json(self):
        e = self.refused(text="{ not json")
        self.assertIn("not JSON", e.problem)

    def test_unknown_shape_reference_names_the_shape(self):
        doc = tiny_model()
        doc["shapes"]["OpRequest"]["members"]["Bad"] = {"shape": "Missing"}
        e = self.refused(doc)
        self.assertEqual(str(e), f"{e.file}: shape OpRequest: member Bad refers to unknown shape Missing")

    def test_unsupported_protocol(self):
        doc = tiny_model()
        doc["metadata"]["protocol"] = "json"
        e = self.refused(doc)
        self.assertEqual(e.problem, "unsupported protocol 'json': awsq speaks query")

    def test_unsupported_type_names_the_shape(self):
        e = self.refused(tiny_model(Doc={"type": "document"}))
        self.assertEqual(str(e), f"{e.file}: shape Doc: unsupported type 'document'")

    def test_unknown_operation(self):
        with self.assertRaises(ModelError) as ctx:
            ShapeGraph(load_model(RDS), ["DescribeNothing"])
        self.assertEqual(ctx.exception.problem, "unknown operation DescribeNothing")

    def test_command_line_fails_with_file_shape_and_problem(self):
        e_path = self.write(tiny_model(Doc={"type": "document"}))
        err = io.StringIO()
        with redirect_stderr(err):
            code = main(["--model", str(e_path), "--output-dir", str(self.dir / "out")])
        self.assertEqual(code, 1)
        self.assertEqual(err.getvalue(), f"awsq codegen: error: {e_path}: shape Doc: unsupported type 'document'\n")
        self.assertFalse((self.dir / "out").exists())

    def test_xml_attribute_is_refused(self):
        doc = tiny_model()
        doc["shapes"]["OpRequest"]["members"]["Id"] = {"shape": "String", "xmlAttribute": True}
        self.assertEqual(self.refused(doc).problem, "member Id is an XML attribute: not supported")

    def test_recursion_through_a_map_is_refused(self):
        doc = tiny_model(Node={"type": "structure", "members": {"Kids": {"shape": "NodeMap"}}},
                         NodeMap={"type": "map", "key": {"shape": "String"}, "value": {"shape": "Node"}})
        doc["shapes"]["OpResponse"]["members"] = {"Root": {"shape": "Node"}}
        e = self.refused(doc)
        self.assertEqual(str(e), f"{e.file}: shape Node: member Kids: recursion through a map is not supported")


PAGED = {"Op": {"input_token": "Marker", "output_token": "Marker", "result_key": "Items"}}


def paged_model(**extra) -> dict:
    """tiny_model with Marker and MaxItems in, and Marker, Items, IsTruncated and Page.Items out."""
    doc = tiny_model(Item={"type": "structure", "members": {"Id": {"shape": "String"}}},
                     ItemList={"type": "list", "member": {"shape": "Item"}},
                     Count={"type": "integer"}, Flag={"type": "boolean"},
                     Page={"type": "structure", "members": {"Items": {"shape": "ItemList"},
                                                             "Marker": {"shape": "String"}}}, **extra)
    doc["shapes"]["OpRequest"]["members"] = {"Marker": {"shape": "String"}, "MaxItems": {"shape": "Count"}}
    doc["shapes"]["OpResponse"]["members"] = {"Marker": {"shape": "String"}, "Items": {"shape": "ItemList"},
                                              "Others": {"shape": "ItemList"}, "IsTruncated": {"shape": "Flag"},
                                              "Page": {"shape": "Page"}}
    return doc


class PaginatorRefusalTest(TempModels):
    """What paginators-1.json may say that awsq cannot represent, refused with the operation and the reason."""

    def check(self, entry: dict, problem: str):
        e = self.refused(paged_model(), pages={"Op": entry})
        self.assertEqual((e.shape, e.problem), ("Op", problem))

    def test_a_jmespath_expression_beyond_member_paths(self):
        self.check({"input_token": "Marker", "output_token": "Marker || Page.Marker", "result_key": "Items"},
                   "paginator output_token 'Marker || Page.Marker' is not a member path like A.B or A[-1].B")

    def test_a_path_through_a_member_that_does_not_exist(self):
        self.check({"input_token": "Marker", "output_token": "Page.Next", "result_key": "Items"},
                   "paginator output_token 'Page.Next': shape Page has no member Next")

    def test_an_index_into_a_member_that_is_not_a_list(self):
        self.check({"input_token": "Marker", "output_token": "Page[-1].Marker", "result_key": "Items"},
                   "paginator output_token 'Page[-1].Marker': member Page is not a list")

    def test_as_many_input_tokens_as_output_tokens(self):
        self.check({"input_token": ["Marker", "MaxItems"], "output_token": "Marker", "result_key": "Items"},
                   "paginator has 2 input tokens but 1 output tokens")

    def test_a_limit_key_that_is_a_path_or_a_list(self):
        self.check({"input_token": "Marker", "output_token": "Marker", "result_key": "Items",
                    "limit_key": ["MaxItems", "Marker"]}, "paginator limit_key names several members")

    def test_a_token_that_is_not_a_string(self):
        self.check({"input_token": 3, "output_token": "Marker", "result_key": "Items"},
                   "paginator input_token is not a string or a list of strings")

    def test_a_paginator_of_an_unknown_operation(self):
        e = self.refused(paged_model(), pages={"Nope": PAGED["Op"]})
        self.assertEqual((e.shape, e.problem), ("Nope", "paginator of an operation the model does not have"))

    def test_a_token_of_an_operation_without_input(self):
        doc = paged_model()
        del doc["operations"]["Op"]["input"]
        e = self.refused(doc, pages=PAGED)
        self.assertEqual(e.problem, "paginator input_token 'Marker': the operation has no input")


def waited_model() -> dict:
    """tiny_model whose Op answers a Status, with a second operation Other."""
    doc = tiny_model()
    doc["shapes"]["OpResponse"]["members"] = {"Status": {"shape": "String"}}
    doc["operations"]["Other"] = {"name": "Other", "http": {"method": "POST", "requestUri": "/"}}
    return doc


WAITERS = {
    "Ready": {"delay": 5, "maxAttempts": 7, "operation": "Op", "acceptors": [
        {"matcher": "path", "argument": "Status", "state": "success", "expected": "ready"},
        {"matcher": "pathAny", "argument": "Items[].State", "state": "failure", "expected": "failed"},
        {"matcher": "pathAll", "argument": "length(Items) > `1`", "state": "retry", "expected": True},
        {"matcher": "status", "state": "retry", "expected": 404},
        {"matcher": "error", "state": "success", "expected": "NotFound"},
        {"matcher": "error", "state": "failure", "expected": False}]},
    "OtherDone": {"delay": 1, "maxAttempts": 2, "operation": "Other", "acceptors": [
        {"matcher": "status", "state": "success", "expected": 200}]},
}


class WaiterTest(TempModels):
    """waiters-2.json beside a model: loaded, checked, and emitted as descriptors of data."""

    def waited(self, waiters=None, doc=None) -> Path:
        path = self.write(doc or waited_model())
        (path.parent / "waiters-2.json").write_text(json.dumps({"version": 2, "waiters": waiters or WAITERS}))
        return path

    def refused_waiter(self, waiter: dict, doc=None) -> ModelError:
        path = self.waited({"W": waiter}, doc)
        with self.assertRaises(ModelError) as ctx:
            load_model(path)
        self.assertEqual((ctx.exception.file, ctx.exception.shape), (str(path.parent / "waiters-2.json"), "W"))
        return ctx.exception

    def test_our_rds_waiters_load(self):
        m = load_model(RDS)
        self.assertEqual(list(m.waiters), ["DBInstanceAvailable", "DBInstanceDeleted"])
        w = m.waiters["DBInstanceAvailable"]
        self.assertEqual((w.operation, w.delay, w.max_attempts, len(w.acceptors)), ("DescribeDBInstances", 30, 60, 6))
        self.assertEqual(w.acceptors[0], Acceptor("pathAll", "success", "available", "DBInstances[].DBInstanceStatus"))
        self.assertEqual(m.waiters["DBInstanceDeleted"].acceptors[1], Acceptor("error", "success", "DBInstanceNotFound"))
        self.assertEqual(m.waiters_file, str(RDS.parent / "waiters-2.json"))

    def test_a_model_without_waiters_has_none(self):
        self.assertEqual(load_model(STS).waiters, {})
        self.assertNotIn("awsq/sts/waiters.hpp", headers_of(STS))

    def test_refusals_name_the_file_the_waiter_and_the_reason(self):
        ok = {"matcher": "status", "state": "success", "expected": 200}
        base = {"delay": 5, "maxAttempts": 3, "operation": "Op", "acceptors": [ok]}
        cases = [
            ({**base, "operation": "Nope"}, "operation Nope is not in the model"),
            ({**base, "operation": None}, "has no operation"),
            ({**base, "delay": -1}, "delay -1 is not an integer of at least 0"),
            ({**base, "delay": 1.5}, "delay 1.5 is not an integer of at least 0"),
            ({**base, "maxAttempts": 0}, "maxAttempts 0 is not an integer of at least 1"),
            ({**base, "maxAttempts": True}, "maxAttempts True is not an integer of at least 1"),
            ({**base, "acceptors": []}, "has no acceptors"),
            ({**base, "acceptors": [ok, {**ok, "matcher": "like"}]},
             "acceptor 1: unknown matcher 'like' (awsq knows path, pathAll, pathAny, status, error)"),
            ({**base, "acceptors": [{**ok, "state": "waiting"}]},
             "acceptor 0: unknown state 'waiting' (awsq knows success, failure, retry)"),
            ({**base, "acceptors": [{"matcher": "status", "state": "success"}]}, "acceptor 0: has no expected value"),
            ({**base, "acceptors": [{**ok, "matcher": "pathAll"}]}, "acceptor 0: matcher pathAll has no argument expression"),
            ({**base, "acceptors": [{**ok, "expected": "200"}]},
             "acceptor 0: expected '200' of matcher status is not an HTTP status code"),
            ({**base, "acceptors": [{**ok, "matcher": "error", "expected": 3}]},
             "acceptor 0: expected 3 of matcher error is not an error code, true or false"),
            ({**base, "acceptors": ["status"]}, "acceptor 0: is not an object"),
            ("nope", "is not an object"),
        ]
        for waiter, problem in cases:
            with self.subTest(problem):
                e = self.refused_waiter(waiter)
                self.assertEqual(e.problem, problem)
                self.assertEqual(str(e), f"{e.file}: waiter W: {problem}")

    def test_an_argument_that_is_not_jmespath_is_refused(self):
        try:
            import jmespath  # noqa: F401
        except ImportError:
            self.skipTest("python's jmespath is not installed")
        e = self.refused_waiter({"delay": 5, "maxAttempts": 3, "operation": "Op", "acceptors": [
            {"matcher": "path", "argument": "Items[?", "state": "success", "expected": 1}]})
        self.assertTrue(e.problem.startswith("acceptor 0: argument 'Items[?' is not a JMESPath expression: "),
                        e.problem)

    def test_a_file_that_is_not_waiters_version_2_is_refused(self):
        path = self.write(waited_model())
        file = path.parent / "waiters-2.json"
        for doc, problem in (({"version": 1, "waiters": {}}, "unsupported waiters version 1: awsq reads version 2"),
                             ({"version": 2}, "no waiters object: not a botocore waiters file"),
                             ([], "no waiters object: not a botocore waiters file")):
            with self.subTest(problem):
                file.write_text(json.dumps(doc))
                with self.assertRaises(ModelError) as ctx:
                    load_model(path)
                self.assertEqual(str(ctx.exception), f"{file}: {problem}")

    def test_command_line_fails_with_file_waiter_and_problem(self):
        path = self.waited({"W": {"delay": 1, "maxAttempts": 1, "operation": "Gone", "acceptors": []}})
        err = io.StringIO()
        with redirect_stderr(err):
            code = main(["--model", str(path), "--output-dir", str(self.dir / "out")])
        self.assertEqual(code, 1)
        self.assertEqual(err.getvalue(), f"awsq codegen: error: {path.parent / 'waiters-2.json'}: waiter W: "
                                         "operation Gone is not in the model\n")

    def test_command_line_reads_a_waiters_file_named_explicitly(self):
        path = self.write(waited_model())
        elsewhere = self.dir / "mine.json"
        elsewhere.write_text(json.dumps({"version": 2, "waiters": {"OtherDone": WAITERS["OtherDone"]}}))
        out = self.dir / "out"
        self.assertEqual(main(["--model", str(path), "--waiters", str(elsewhere), "--output-dir", str(out)]), 0)
        text = (out / "awsq/tiny/waiters.hpp").read_text()
        self.assertTrue(text.startswith("// Generated by awsq codegen from "), text)
        self.assertIn("/mine.json: do not edit.", text.splitlines()[0])
        self.assertIn("struct OtherDone {", text)
        self.assertNotIn("Ready", text)

    def test_list_names_what_the_command_line_builds_and_writes_nothing(self):
        path = self.waited()
        out = io.StringIO()
        with redirect_stdout(out):
            self.assertEqual(main(["--model", str(path), "--list", "--operation", "Op"]), 0)
        # OpRequest and OpResponse (one member each) and String: 2 + 2 + 1
        self.assertEqual(out.getvalue(), "operation\tawsq::tiny::Op\top\tawsq/tiny/op.hpp\t5\n"
                                         "waiter\tawsq::tiny::Ready\tready\tawsq/tiny/waiters.hpp\tawsq::tiny::Op\n")
        self.assertEqual(list(self.dir.rglob("*.hpp")), [])

    def test_weight_counts_each_shape_the_operation_reaches_once(self):
        doc = tiny_model(Item={"type": "structure", "members": {"A": {"shape": "String"}, "B": {"shape": "Items"}}},
                         Items={"type": "list", "member": {"shape": "Item"}},
                         Tags={"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}})
        doc["shapes"]["OpRequest"]["members"]["Tags"] = {"shape": "Tags"}
        doc["shapes"]["OpResponse"]["members"] = {"Items": {"shape": "Items"}, "First": {"shape": "Item"}}
        graph = ShapeGraph(load_model(self.write(doc)))
        # OpRequest 1+2, Tags 1+2, String 1, OpResponse 1+2, Items 1+1, Item 1+2 (recursive, counted once)
        self.assertEqual(graph.weight(graph.operations[0]), 15)

    def test_descriptors_are_data_in_one_header_per_service(self):
        h = emit_headers(ShapeGraph(load_model(self.waited())), "tiny/2020-01-01/service-2.json")
        text = h["awsq/tiny/waiters.hpp"]
        self.assertEqual(text, """// Generated by awsq codegen from tiny/2020-01-01/waiters-2.json: do not edit.
// Tiny API 2020-01-01: 2 waiters, descriptors for awsq::wait<>.
#pragma once

#include <awsq/tiny/op.hpp>
#include <awsq/tiny/other.hpp>
#include <awsq/waiter.hpp>

#include <array>
#include <chrono>
#include <string_view>

namespace awsq::tiny {

/// Polls Op every 5 s, at most 7 times, until an acceptor decides.
struct Ready {
    using operation = Op;
    static constexpr std::string_view name = "Ready";
    static constexpr std::chrono::seconds delay{5};
    static constexpr int max_attempts = 7;
    static constexpr std::array<awsq::waiter_acceptor, 6> acceptors{{
        {.matcher = awsq::waiter_matcher::path, .state = awsq::waiter_state::success,
            .argument = "Status", .expected = "\\"ready\\""},
        {.matcher = awsq::waiter_matcher::path_any, .state = awsq::waiter_state::failure,
            .argument = "Items[].State", .expected = "\\"failed\\""},
        {.matcher = awsq::waiter_matcher::path_all, .state = awsq::waiter_state::retry,
            .argument = "length(Items) > `1`", .expected = "true"},
        {.matcher = awsq::waiter_matcher::status, .state = awsq::waiter_state::retry,
            .expected = "404"},
        {.matcher = awsq::waiter_matcher::error, .state = awsq::waiter_state::success,
            .expected = "\\"NotFound\\""},
        {.matcher = awsq::waiter_matcher::error, .state = awsq::waiter_state::failure,
            .expected = "false"},
    }};
};

/// Polls Other every 1 s, at most 2 times, until an acceptor decides.
struct OtherDone {
    using operation = Other;
    static constexpr std::string_view name = "OtherDone";
    static constexpr std::chrono::seconds delay{1};
    static constexpr int max_attempts = 2;
    static constexpr std::array<awsq::waiter_acceptor, 1> acceptors{{
        {.matcher = awsq::waiter_matcher::status, .state = awsq::waiter_state::success,
            .expected = "200"},
    }};
};

}  // namespace awsq::tiny
""")
        for algorithm in ("for (", "while (", "return ", "if ("):
            self.assertNotIn(algorithm, text)

    def test_only_the_waiters_of_the_chosen_operations(self):
        path = self.waited()
        self.assertIn("struct OtherDone {", emit_headers(ShapeGraph(load_model(path), ["Other"]), "x")["awsq/tiny/waiters.hpp"])
        self.assertNotIn("struct Ready", emit_headers(ShapeGraph(load_model(path), ["Other"]), "x")["awsq/tiny/waiters.hpp"])
        path = self.waited({"Ready": WAITERS["Ready"]})
        self.assertNotIn("awsq/tiny/waiters.hpp", emit_headers(ShapeGraph(load_model(path), ["Other"]), "x"))

    def test_a_waiter_named_like_a_type_or_operation_takes_a_suffix(self):
        doc = waited_model()
        doc["shapes"]["Ready"] = {"type": "structure", "members": {}}
        doc["operations"]["Waiters"] = {"name": "Waiters", "http": {"method": "POST", "requestUri": "/"}}
        waiters = {"Ready": WAITERS["Ready"], "Other": WAITERS["OtherDone"], "name": WAITERS["OtherDone"]}
        g = ShapeGraph(load_model(self.waited(waiters, doc)))
        self.assertEqual([g.waiter_name(w) for w in waiters], ["ReadyWaiter", "OtherWaiter", "name_"])
        h = emit_headers(g, "x")
        self.assertIn("awsq/tiny/waiters_2.hpp", h)   # the operation Waiters does not take the waiters' header
        self.assertIn("struct ReadyWaiter {", h["awsq/tiny/waiters.hpp"])

    def test_an_operation_named_like_a_descriptor_member_is_qualified(self):
        doc = waited_model()
        doc["operations"]["delay"] = {"name": "delay", "http": {"method": "POST", "requestUri": "/"}}
        path = self.waited({"W": {**WAITERS["OtherDone"], "operation": "delay"}}, doc)
        h = emit_headers(ShapeGraph(load_model(path)), "x")
        self.assertIn("    using operation = tiny::delay;\n", h["awsq/tiny/waiters.hpp"])

    def test_every_botocore_query_waiter_loads(self):
        count = 0
        for service, model in botocore_query_models():
            with self.subTest(service=service):
                g = ShapeGraph(load_model(model))
                count += len(g.waiters)
                if g.waiters:
                    self.assertIn(f"awsq/{service}/waiters.hpp", emit_headers(g, "x"))
        self.assertGreater(count, 50)


@unittest.skipUnless(shutil.which(shlex.split(os.environ.get("CXX", "g++"))[0]), "no C++ compiler")
class WaiterCompileTest(TempModels):
    def test_descriptors_compile_and_satisfy_the_waiter_concept(self):
        path = self.write(waited_model())
        (path.parent / "waiters-2.json").write_text(json.dumps({"version": 2, "waiters": WAITERS}))
        include = self.dir / "include"
        self.assertEqual(main(["--model", str(path), "--output-dir", str(include)]), 0)
        (self.dir / "check.cpp").write_text("""#include <awsq/tiny/waiters.hpp>
namespace t = awsq::tiny;
static_assert(awsq::waiter<t::Ready> && awsq::waiter<t::OtherDone>);
static_assert(std::is_same_v<t::Ready::operation, t::Op>);
static_assert(t::Ready::delay == std::chrono::seconds(5) && t::Ready::max_attempts == 7);
static_assert(t::Ready::acceptors[2].matcher == awsq::waiter_matcher::path_all);
static_assert(t::Ready::acceptors[2].state == awsq::waiter_state::retry);
static_assert(t::Ready::acceptors[2].argument == "length(Items) > `1`");
static_assert(t::Ready::acceptors[4].expected == "\\"NotFound\\"" && t::Ready::acceptors[4].argument.empty());
int main() {}
""")
        cmd = [*shlex.split(os.environ.get("CXX", "g++")), "-std=c++20", "-Wall", "-Wextra", "-Werror",
               f"-I{ROOT / 'include'}", f"-I{include}", str(self.dir / "check.cpp"), "-fsyntax-only"]
        done = subprocess.run(cmd, capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr[:4000])


class NamingTest(unittest.TestCase):
    def test_enum_values_that_are_not_identifiers(self):
        self.assertEqual(enumerator_names(("t2.micro", "1", "delete", "linux", "t2_micro", "gp2", "GP2")),
                         ["t2_micro", "v1", "delete_", "linux_", "t2_micro_2", "gp2", "GP2"])
        self.assertEqual(enumerator_names(("Bytes/Second", "zh-Hans", "EOF", "EINVAL", "opentelemetry0.7")),
                         ["Bytes_Second", "zh_Hans", "EOF_", "EINVAL_", "opentelemetry0_7"])

    def test_identifiers(self):
        self.assertEqual(identifier("String"), "String")
        self.assertEqual(identifier("class"), "class_")
        self.assertEqual(identifier("_x"), "v_x")
        self.assertEqual(identifier("a__b"), "va_b")
        self.assertEqual(identifier("errno"), "errno_")
        self.assertEqual(identifier("ERROR"), "ERROR_")   # <windows.h> macros: Elastic Beanstalk, CloudFormation
        self.assertEqual(identifier("DELETE"), "DELETE_")
        self.assertEqual(identifier("Error"), "Error")

    def test_snake_case_is_boto3s(self):
        self.assertEqual([snake_case(n) for n in ("DescribeDBInstances", "AddClientIDToOpenIDConnectProvider",
                                                  "SwapEnvironmentCNAMEs", "GetSAMLProvider", "ListMFADevices")],
                         ["describe_db_instances", "add_client_id_to_open_id_connect_provider",
                          "swap_environment_cnames", "get_saml_provider", "list_mfa_devices"])


def torture_model() -> dict:
    """Every construct the query models use, and the names that break naive C++, in one model."""
    doc = tiny_model(
        # names: keyword, reserved by the generated code, macro, case-only twins, clashes
        service={"type": "structure", "members": {"class": {"shape": "std"}, "namespace": {"shape": "string"},
                                                  "service": {"shape": "String"}}},
        std={"type": "string", "enum": ["t2.micro", "1", "gp2", "GP2", "linux", "EOF", "delete"]},
        string={"type": "string", "min": 1, "max": 3},
        Big={"type": "string", "enum": [f"v{i}.x" for i in range(60)]},
        Wide={"type": "structure", "members": {f"M{i}": {"shape": "String"} for i in range(100)}},
        Endpoint={"type": "structure", "members": {"Address": {"shape": "String"}, "Big": {"shape": "Big"}}},
        Endpoints={"type": "list", "member": {"shape": "Endpoint", "locationName": "Endpoint"}},
        # recursion: a structure holding itself, two structures holding each other, through a list
        Node={"type": "structure", "members": {"Parent": {"shape": "Node"}, "Kids": {"shape": "NodeList"},
                                               "Peer": {"shape": "Peer"}}},
        NodeList={"type": "list", "member": {"shape": "Node"}},
        Peer={"type": "structure", "members": {"Node": {"shape": "Node"}}},
        # every scalar, maps, flattened lists, timestamp formats, blobs
        Attrs={"type": "map", "key": {"shape": "String", "locationName": "Name"},
               "value": {"shape": "Endpoint", "locationName": "Value"}, "flattened": True},
        Flat={"type": "list", "member": {"shape": "String", "locationName": "Item"}, "flattened": True},
        Data={"type": "blob"}, F={"type": "float"}, D={"type": "double"}, L={"type": "long"},
        I={"type": "integer", "min": 1, "max": 10}, B={"type": "boolean"},
        T={"type": "timestamp", "timestampFormat": "rfc822"}, Tu={"type": "timestamp"},
        Fault={"type": "structure", "members": {"message": {"shape": "String"}}, "exception": True,
               "error": {"code": "Fault", "httpStatusCode": 500, "senderFault": False}},
        Op={"type": "structure", "members": {}},                       # a shape named like the operation
        AdjustmentType={"type": "structure", "members": {"AdjustmentType": {"shape": "String"}}},
    )
    doc["shapes"]["OpRequest"]["members"] = {
        "Service": {"shape": "service"}, "Wide": {"shape": "Wide"}, "Endpoint": {"shape": "Endpoint"},
        "Endpoints": {"shape": "Endpoints"}, "Node": {"shape": "Node"}, "Attrs": {"shape": "Attrs"},
        "Flat": {"shape": "Flat"}, "Data": {"shape": "Data"}, "F": {"shape": "F"}, "D": {"shape": "D"},
        "L": {"shape": "L"}, "I": {"shape": "I"}, "B": {"shape": "B"}, "T": {"shape": "T"},
        "At": {"shape": "Tu", "timestampFormat": "unixTimestamp"}, "Op": {"shape": "Op"},
        "Token": {"shape": "String", "idempotencyToken": True}, "Old": {"shape": "String", "deprecated": True},
        "Marker": {"shape": "String"}, "AdjustmentType": {"shape": "AdjustmentType"}}
    doc["shapes"]["OpResponse"]["members"] = {"Marker": {"shape": "String"}, "Items": {"shape": "Endpoints"},
                                              "Page": {"shape": "Peer"}, "Truncated": {"shape": "B"}}
    doc["operations"]["Op"]["errors"] = [{"shape": "Fault"}]
    doc["operations"]["Ping"] = {"name": "Ping", "http": {"method": "POST", "requestUri": "/"}}
    doc["operations"]["Tell"] = {"name": "Tell", "input": {"shape": "service"}, "output": {"shape": "OpResponse"}}
    return doc


TORTURE_PAGES = {"Op": {"input_token": "Marker", "output_token": "Items[-1].Address",
                        "result_key": ["Items", "Page.Node.Kids"], "more_results": "Truncated",
                        "non_aggregate_keys": ["Page"]},
                 "Tell": {"input_token": "service", "output_token": "Marker", "result_key": "Items"}}

TORTURE_CHECKS = """
#include <awsq/tiny.hpp>
#include <awsq/traits.hpp>

#include <boost/describe.hpp>
#include <boost/mp11.hpp>

#include <string_view>
#include <type_traits>

namespace t = awsq::tiny;
using boost::mp11::mp_size;
template <class T, std::size_t I> using member = boost::mp11::mp_at_c<awsq::members_of<T>, I>;

static_assert(mp_size<awsq::members_of<t::Wide>>::value == 100);
static_assert(std::string_view(member<t::Wide, 99>::name) == "M99");
static_assert(member<t::Wide, 52>::pointer == &t::Wide::M52);
static_assert(awsq::wire<t::Wide>::members[99].name == "M99");
static_assert(mp_size<boost::describe::describe_enumerators<t::Big>>::value == 60);
static_assert(awsq::enum_to_string(t::Big::v59_x) == "v59.x");
static_assert(awsq::enum_to_string(t::std_::t2_micro) == "t2.micro");
static_assert(awsq::enum_from_string<t::std_>("GP2") == t::std_::GP2);
static_assert(awsq::enum_to_string(t::std_::linux_) == "linux");
static_assert(std::is_same_v<decltype(t::service_::class_), std::optional<awsq::open_enum<t::std_>>>);
static_assert(awsq::wire<t::service_>::members[0].name == "class");
static_assert(awsq::wire<t::service_>::members[2].name == "service");
static_assert(std::is_same_v<decltype(t::AdjustmentType::AdjustmentType), std::optional<std::string>>);
static_assert(member<t::AdjustmentType, 0>::pointer == &t::AdjustmentType::AdjustmentType);
static_assert(std::is_same_v<decltype(t::OpRequest::Endpoint), std::optional<t::Endpoint>>);
static_assert(std::is_same_v<decltype(t::Node::Parent), awsq::indirect<t::Node>>);
static_assert(std::is_same_v<decltype(t::Node::Kids), std::optional<std::vector<t::Node>>>);
static_assert(std::is_same_v<decltype(t::OpRequest::Attrs), std::optional<std::map<std::string, t::Endpoint>>>);
static_assert(std::is_same_v<decltype(t::OpRequest::L), std::optional<std::int64_t>>);
static_assert(std::is_same_v<decltype(t::OpRequest::F), std::optional<double>>);
static_assert(std::is_same_v<decltype(t::OpRequest::Data), std::optional<awsq::blob>>);
static_assert(awsq::wire<t::OpRequest>::members[14].format == awsq::timestamp_format::unix_timestamp);
static_assert(t::shapes::T.format == awsq::timestamp_format::rfc822);
static_assert(t::shapes::Attrs.flattened && t::shapes::Attrs.key_name == "Name");
static_assert(t::shapes::string.max == 3 && t::shapes::String.name == "String");
static_assert(awsq::wire<t::Fault>::error.http_status == 500 && !awsq::wire<t::Fault>::error.sender_fault);
static_assert(std::is_same_v<t::OpOperation::input_type, t::OpRequest>);
static_assert(std::is_same_v<t::OpRequest, t::OpOperation::input_type>);
static_assert(std::is_same_v<t::Ping::input_type, awsq::empty_shape>);
static_assert(std::is_same_v<t::PingResult, awsq::empty_shape>);
static_assert(mp_size<t::operations>::value == 3);
static_assert(t::OpOperation::paginator.input_tokens[0] == "Marker");
static_assert(t::OpOperation::paginator.output_tokens[0] == "Items[-1].Address");
static_assert(t::OpOperation::paginator.result_keys.size() == 2);
static_assert(t::OpOperation::paginator.result_keys[1] == "Page.Node.Kids");
static_assert(t::OpOperation::paginator.non_aggregate_keys[0] == "Page");
static_assert(t::Tell::paginator.result_keys[0] == "Items" && t::Tell::paginator.non_aggregate_keys.empty());
using op_paths = t::OpOperation::paginator_paths;
static_assert(std::is_same_v<op_paths::output_tokens,
                             boost::mp11::mp_list<awsq::path<&t::OpResponse::Items, -1, &t::Endpoint::Address>>>);
static_assert(std::is_same_v<boost::mp11::mp_at_c<op_paths::result_keys, 1>,
                             awsq::path<&t::OpResponse::Page, &t::Peer::Node, &t::Node::Kids>>);
static_assert(std::is_same_v<op_paths::more_results, awsq::path<&t::OpResponse::Truncated>>);
static_assert(std::is_same_v<t::Tell::paginator_paths::input_tokens,
                             boost::mp11::mp_list<awsq::path<&t::service_::service>>>);

int main() {
    t::Node node{.Parent = t::Node{}, .Kids = std::vector<t::Node>(2)};
    t::Peer peer{.Node = node};
    t::Node copy = node;
    t::AdjustmentType self{.AdjustmentType = "x"};
    return copy.Parent && peer.Node && *self.AdjustmentType == "x" ? 0 : 1;
}
"""


@unittest.skipUnless(shutil.which(shlex.split(os.environ.get("CXX", "g++"))[0]), "no C++ compiler")
class CompileTest(TempModels):
    """The generated headers compile (g++ -std=c++20 -Wall -Wextra -Werror) and say what they should."""

    def compile(self, source: str, include: Path, run: bool = False) -> None:
        cpp = self.dir / "check.cpp"
        cpp.write_text(source)
        out = ["-o", str(self.dir / "check")] if run else ["-fsyntax-only"]
        cmd = [*shlex.split(os.environ.get("CXX", "g++")), "-std=c++20", "-Wall", "-Wextra", "-Werror",
               f"-I{ROOT / 'include'}", f"-I{include}", str(cpp), *out]
        done = subprocess.run(cmd, capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr[:4000])
        if run:
            self.assertEqual(subprocess.run([str(self.dir / "check")]).returncode, 0)

    def test_every_construct_compiles_and_keeps_its_facts(self):
        path = self.write(torture_model())
        (path.parent / "paginators-1.json").write_text(json.dumps({"pagination": TORTURE_PAGES}))
        self.assertEqual(main(["--model", str(path), "--output-dir", str(self.dir / "include")]), 0)
        self.compile(TORTURE_CHECKS, self.dir / "include", run=True)

    def test_cycles_at_scale_compile(self):
        """botocore's wafv2 model (json protocol, relabelled query here) nests Statement in itself seven ways."""
        doc = json.loads(gzip.decompress(botocore_model("wafv2", "2019-07-29").read_bytes()))
        doc["metadata"]["protocol"] = "query"
        doc["metadata"].pop("protocols", None)
        path = self.write(doc, name="wafv2")
        g = ShapeGraph(load_model(path), ["CreateWebACL"])
        cycle = next(u for u in g.units if "Statement" in u.shapes)
        self.assertEqual(cycle.shapes, ["AndStatement", "ManagedRuleGroupStatement", "NotStatement", "OrStatement",
                                        "RateBasedStatement", "Statement", "Statements"])
        self.assertIn(("NotStatement", "Statement"), g.indirect)
        include = self.dir / "include"
        self.assertEqual(main(["--model", str(path), "--output-dir", str(include), "--operation", "CreateWebACL"]), 0)
        self.compile("""#include <awsq/wafv2/create_web_acl.hpp>
#include <awsq/wafv2/shapes/NotStatement.hpp>
#include <type_traits>
namespace w = awsq::wafv2;
static_assert(std::is_same_v<decltype(w::NotStatement::Statement), awsq::indirect<w::Statement>>);
int main() {
    w::Statement inner{.ByteMatchStatement = w::ByteMatchStatement{}};
    w::Statement outer{.NotStatement = w::NotStatement{.Statement = inner}};
    w::Statement copy = outer;
    return copy.NotStatement->Statement->ByteMatchStatement ? 0 : 1;
}
""", include, run=True)

    def test_each_operation_header_compiles_on_its_own(self):
        path = self.write(torture_model())
        include = self.dir / "include"
        self.assertEqual(main(["--model", str(path), "--output-dir", str(include)]), 0)
        self.assertEqual(main(["--model", str(RDS), "--output-dir", str(include)]), 0)
        for header in ("awsq/tiny/op_operation.hpp", "awsq/tiny/ping.hpp", "awsq/tiny/tell.hpp",
                       "awsq/rds/describe_export_tasks.hpp", "awsq/rds/shapes/ExportTask.hpp"):
            with self.subTest(header=header):
                self.compile(f"#include <{header}>\nint main() {{}}\n", include)


class EmitterTest(TempModels):
    def test_output_is_byte_stable_and_independent_of_operation_order(self):
        m = load_model(REDSHIFT)
        a = emit_headers(ShapeGraph(m), "redshift/2012-12-01/service-2.json")
        b = emit_headers(ShapeGraph(load_model(REDSHIFT)), "redshift/2012-12-01/service-2.json")
        self.assertEqual(a, b)
        full = load_model(botocore_model("rds", "2014-10-31"))
        ops = ["DescribeExportTasks", "DescribeDBInstances"]
        self.assertEqual(emit_headers(ShapeGraph(full, ops), "x"), emit_headers(ShapeGraph(full, ops[::-1]), "x"))

    def test_headers_hold_data_only(self):
        headers = headers_of(RDS)
        text = "".join(headers.values())
        self.assertIn("struct Filter {\n", headers["awsq/rds/shapes/Filter.hpp"])
        self.assertIn("using DescribeExportTasksRequest = DescribeExportTasksMessage;",
                      headers["awsq/rds/describe_export_tasks.hpp"])
        self.assertIn('{.name = "Values", .required = true, .shape = &rds::shapes::FilterValueList},',
                      headers["awsq/rds/shapes/Filter.hpp"])
        self.assertIn('inline constexpr shape_facts MaxRecords{.name = "MaxRecords", .min = 20, .max = 100};',
                      headers["awsq/rds/shapes/MaxRecords.hpp"])
        for algorithm in ("for (", "while (", "tinyxml2", "boost/json", "return ", "BOOST_DESCRIBE_STRUCT"):
            self.assertNotIn(algorithm, text)

    def test_enum_wire_strings_only_where_they_differ(self):
        doc = tiny_model(Size={"type": "string", "enum": ["t2.micro", "large"]})
        doc["shapes"]["OpRequest"]["members"]["Size"] = {"shape": "Size"}
        text = self.headers(doc)["awsq/tiny/shapes/Size.hpp"]
        self.assertIn("enum class Size {\n    t2_micro,\n    large,\n};", text)
        self.assertIn('static constexpr std::string_view values[] = {"t2.micro", "large"};', text)

    def test_doc_comments_are_short_and_cannot_swallow_code(self):
        lines = doc_comment("<p>" + "A sentence of documentation. " * 40 + "</p><p>Second paragraph.</p>")
        self.assertLessEqual(len(" ".join(lines)), 440)
        self.assertNotIn("Second", " ".join(lines))
        self.assertEqual(doc_comment("<p>A path ends in C:\\</p>"), ["/// A path ends in C:\\ ."])
        self.assertEqual(doc_comment("<p>no */ here</p>"), ["/// no * / here"])

    def test_a_structure_is_described_member_by_member_in_order(self):
        text = headers_of(RDS)["awsq/rds/shapes/Filter.hpp"]
        self.assertIn('AWSQ_DESCRIBE_STRUCT(Filter,\n    awsq::described_member<&Filter::Name, "Name">,\n'
                      '    awsq::described_member<&Filter::Values, "Values">);\n', text)
        doc = tiny_model()
        self.assertIn('AWSQ_DESCRIBE_STRUCT(OpRequest, awsq::described_member<&OpRequest::Name, "Name">);\n',
                      self.headers(doc)["awsq/tiny/shapes/OpRequest.hpp"])
        self.assertIn("AWSQ_DESCRIBE_STRUCT(ExportTaskNotFoundFault);\n",
                      headers_of(RDS)["awsq/rds/shapes/ExportTaskNotFoundFault.hpp"])

    def test_more_than_52_members_are_described_one_a_line_in_order(self):
        doc = tiny_model()
        doc["shapes"]["OpRequest"]["members"] = {f"M{i}": {"shape": "String"} for i in range(60)}
        text = self.headers(doc)["awsq/tiny/shapes/OpRequest.hpp"]
        lines = text[text.index("AWSQ_DESCRIBE_STRUCT(OpRequest,\n"):].splitlines()
        self.assertEqual(lines[1], '    awsq::described_member<&OpRequest::M0, "M0">,')
        self.assertEqual(lines[60], '    awsq::described_member<&OpRequest::M59, "M59">);')
        self.assertIn("static constexpr std::array<member_facts, 60> members{{", text)

    def test_more_than_52_enumerators_use_boost_describe_enum_begin_entry_end(self):
        doc = tiny_model(Big={"type": "string", "enum": [f"v{i}.x" for i in range(53)]})
        doc["shapes"]["OpRequest"]["members"]["Big"] = {"shape": "Big"}
        text = self.headers(doc)["awsq/tiny/shapes/Big.hpp"]
        self.assertIn("BOOST_DESCRIBE_ENUM_BEGIN(Big)\n    BOOST_DESCRIBE_ENUM_ENTRY(Big, v0_x)\n", text)
        self.assertIn("    BOOST_DESCRIBE_ENUM_ENTRY(Big, v52_x)\nBOOST_DESCRIBE_ENUM_END(Big)\n", text)
        self.assertNotIn("BOOST_DESCRIBE_ENUM(", text)

    def test_operation_without_input_or_output_uses_empty_shape(self):
        doc = tiny_model()
        doc["operations"]["Op"] = {"name": "Op", "http": {"method": "POST", "requestUri": "/"}}
        del doc["shapes"]["OpRequest"], doc["shapes"]["OpResponse"]
        text = self.headers(doc)["awsq/tiny/op.hpp"]
        self.assertIn("    using input_type = awsq::empty_shape;\n    using output_type = awsq::empty_shape;\n", text)
        self.assertIn("    using errors = boost::mp11::mp_list<>;\n", text)
        self.assertIn("using OpRequest = awsq::empty_shape;\nusing OpResult = awsq::empty_shape;\n", text)

    def test_a_union_says_so_in_its_wire_facts_and_a_structure_does_not(self):
        doc = tiny_model(Pick={"type": "structure", "union": True,
                               "members": {"A": {"shape": "String"}, "B": {"shape": "String"}}})
        doc["shapes"]["OpRequest"]["members"]["Pick"] = {"shape": "Pick"}
        h = self.headers(doc)
        self.assertIn("static constexpr bool tagged_union = true;", h["awsq/tiny/shapes/Pick.hpp"])
        self.assertNotIn("tagged_union", h["awsq/tiny/shapes/OpRequest.hpp"])

    def test_wire_facts_of_members_maps_blobs_and_timestamps(self):
        doc = tiny_model(
            Attrs={"type": "map", "key": {"shape": "String", "locationName": "Name"},
                   "value": {"shape": "String", "locationName": "Value"}, "flattened": True},
            Data={"type": "blob"}, When={"type": "timestamp", "timestampFormat": "unixTimestamp"},
            Ratio={"type": "float"}, Big={"type": "long", "min": -9223372036854775808}, Token={"type": "string"})
        doc["shapes"]["OpRequest"]["members"] = {
            "Attrs": {"shape": "Attrs", "locationName": "Attribute"}, "Data": {"shape": "Data"},
            "When": {"shape": "When"}, "At": {"shape": "When", "timestampFormat": "rfc822"},
            "Ratio": {"shape": "Ratio"}, "Big": {"shape": "Big"},
            "Token": {"shape": "Token", "idempotencyToken": True}, "Old": {"shape": "String", "deprecated": True}}
        h = self.headers(doc)
        req = h["awsq/tiny/shapes/OpRequest.hpp"]
        for line in ("std::optional<std::map<std::string, std::string>> Attrs{};",
                     "std::optional<awsq::blob> Data{};", "std::optional<awsq::timestamp> When{};",
                     "std::optional<double> Ratio{};", "std::optional<std::int64_t> Big{};",
                     '{.name = "Attrs", .location_name = "Attribute", .shape = &tiny::shapes::Attrs},',
                     '{.name = "When", .format = timestamp_format::unix_timestamp, .shape = &tiny::shapes::When},',
                     '{.name = "At", .format = timestamp_format::rfc822, .shape = &tiny::shapes::When},',
                     '{.name = "Token", .idempotency_token = true, .shape = &tiny::shapes::Token},',
                     '{.name = "Old", .deprecated = true, .shape = &tiny::shapes::String},'):
            self.assertIn(line, req)
        self.assertIn('inline constexpr shape_facts Attrs{.name = "Attrs", .flattened = true, .key_name = "Name", '
                      '.value_name = "Value", .member = &String, .key = &String};', h["awsq/tiny/shapes/Attrs.hpp"])
        self.assertIn('.min = (-9223372036854775807 - 1)', h["awsq/tiny/shapes/Big.hpp"])

    def test_paginator_with_one_token_lists_its_paths_and_the_members_they_read(self):
        h = self.headers(paged_model(), pages={"Op": {"input_token": "Marker", "output_token": "Marker",
                                                      "limit_key": "MaxItems", "result_key": "Items",
                                                      "more_results": "IsTruncated"}})
        self.assertIn("""    static constexpr awsq::paginator_facts paginator{
        .limit_key = "MaxItems",
        .more_results = "IsTruncated",
        .input_tokens = awsq::strings<"Marker">,
        .output_tokens = awsq::strings<"Marker">,
        .result_keys = awsq::strings<"Items">,
    };
    struct paginator_paths {
        using input_tokens = boost::mp11::mp_list<awsq::path<&OpRequest::Marker>>;
        using limit_key = awsq::path<&OpRequest::MaxItems>;
        using output_tokens = boost::mp11::mp_list<awsq::path<&OpResponse::Marker>>;
        using result_keys = boost::mp11::mp_list<awsq::path<&OpResponse::Items>>;
        using more_results = awsq::path<&OpResponse::IsTruncated>;
    };
""", h["awsq/tiny/op.hpp"])

    def test_paginator_with_several_keys_and_nested_paths(self):
        pages = {"Op": {"input_token": "Marker", "output_token": "Page.Marker", "limit_key": "MaxItems",
                        "result_key": ["Items", "Page.Items"], "non_aggregate_keys": ["Others"]}}
        text = self.headers(paged_model(), pages=pages)["awsq/tiny/op.hpp"]
        self.assertIn("""    static constexpr awsq::paginator_facts paginator{
        .limit_key = "MaxItems",
        .input_tokens = awsq::strings<"Marker">,
        .output_tokens = awsq::strings<"Page.Marker">,
        .result_keys = awsq::strings<"Items", "Page.Items">,
        .non_aggregate_keys = awsq::strings<"Others">,
    };
    struct paginator_paths {
        using input_tokens = boost::mp11::mp_list<awsq::path<&OpRequest::Marker>>;
        using limit_key = awsq::path<&OpRequest::MaxItems>;
        using output_tokens = boost::mp11::mp_list<awsq::path<&OpResponse::Page, &Page::Marker>>;
        using result_keys = boost::mp11::mp_list<
            awsq::path<&OpResponse::Items>,
            awsq::path<&OpResponse::Page, &Page::Items>>;
    };
""", text)

    def test_paginator_output_token_from_the_last_element_of_a_list(self):
        pages = {"Op": {"input_token": "Marker", "output_token": "Items[-1].Id", "result_key": "Items",
                        "more_results": "IsTruncated"}}
        g = self.graph(paged_model(), pages=pages)
        p = g.paginators["Op"]
        self.assertEqual(p.paginator.output_tokens[0].text, "Items[-1].Id")
        self.assertEqual(p.paginator.output_tokens[0].steps, ("Items", -1, "Id"))
        self.assertEqual(p.output_tokens[0].steps, (("OpResponse", "Items"), -1, ("Item", "Id")))
        self.assertEqual(p.more_results.steps, (("OpResponse", "IsTruncated"),))
        self.assertIsNone(p.limit_key)

    def test_botocore_paginators_of_every_form_are_kept(self):
        cloudwatch = ShapeGraph(load_model(botocore_model("cloudwatch", "2010-08-01")), ["DescribeAlarms"])
        self.assertEqual([k.text for k in cloudwatch.paginators["DescribeAlarms"].paginator.result_keys],
                         ["MetricAlarms", "CompositeAlarms"])
        self.assertEqual(len(cloudwatch.paginators["DescribeAlarms"].result_keys), 2)
        rds = ShapeGraph(load_model(botocore_model("rds", "2014-10-31")), ["DescribeEngineDefaultParameters"])
        p = rds.paginators["DescribeEngineDefaultParameters"]
        self.assertEqual(p.output_tokens[0].text, "EngineDefaults.Marker")
        self.assertEqual(p.output_tokens[0].steps,
                         (("DescribeEngineDefaultParametersResult", "EngineDefaults"), ("EngineDefaults", "Marker")))

    def test_command_line_leaves_an_unchanged_header_untouched(self):
        out = self.dir / "include"
        self.assertEqual(main(["--model", str(RDS), "--output-dir", str(out)]), 0)
        umbrella, shape = out / "awsq" / "rds.hpp", out / "awsq" / "rds" / "shapes" / "Filter.hpp"
        for path in (umbrella, shape):
            os.utime(path, (1, 1))
        self.assertEqual(main(["--model", str(RDS), "--output-dir", str(out)]), 0)
        self.assertEqual((umbrella.stat().st_mtime, shape.stat().st_mtime), (1, 1))

    def test_command_line_removes_the_headers_it_no_longer_generates(self):
        out = self.dir / "include"
        full = botocore_model("rds", "2014-10-31")
        self.assertEqual(main(["--model", str(full), "--service", "rds", "--output-dir", str(out),
                               "--operation", "DescribeExportTasks", "--operation", "DescribeDBInstances"]), 0)
        mine = out / "awsq" / "rds" / "notes.hpp"
        mine.write_text("// not generated\n")
        self.assertTrue((out / "awsq/rds/shapes/DBInstance.hpp").exists())
        self.assertEqual(main(["--model", str(full), "--service", "rds", "--output-dir", str(out),
                               "--operation", "DescribeExportTasks"]), 0)
        self.assertFalse((out / "awsq/rds/describe_db_instances.hpp").exists())
        self.assertFalse((out / "awsq/rds/shapes/DBInstance.hpp").exists())
        self.assertTrue((out / "awsq/rds/describe_export_tasks.hpp").exists())
        self.assertTrue(mine.exists())


class DocsTest(unittest.TestCase):
    """The model's HTML documentation as text for help, and the docs header that holds it."""

    def test_paragraphs_lists_and_notes_become_text(self):
        doc = ("<p>Lists <code>things</code> &amp; more.</p> <p>Filters:</p> <ul> <li> <p> <code>a</code> - first,"
               " long enough to wrap past the width given here.</p> <ul><li><p>nested</p></li></ul> </li>"
               " <li><p>b</p></li> </ul> <note> <p>Careful.</p> </note>")
        self.assertEqual(help_text(doc, 40), "Lists things & more.\n\nFilters:\n\n"
                         "- a - first, long enough to wrap past\n  the width given here.\n  - nested\n- b\n\n"
                         "Note: Careful.")
        self.assertEqual(first_sentence(doc), "Lists things & more.")
        self.assertEqual(first_sentence(""), "")
        self.assertEqual(help_text("plain <b>bold</b> text"), "plain bold text")

    def test_strings_are_cpp_literals(self):
        self.assertEqual(cpp_string('a "q" \\ b??=\nline\x01'), '"a \\"q\\" \\\\ b?\\?=\\n"\n        "line\\001"')
        self.assertEqual(cpp_string(""), '""')

    def test_docs_header_holds_the_operations_and_their_members(self):
        h = emit_headers(ShapeGraph(load_model(RDS)), "rds/2014-10-31/service-2.json")["awsq/rds/docs.hpp"]
        self.assertIn("namespace awsq::rds::docs {", h)
        self.assertIn("inline constexpr awsq::operation_documentation DescribeExportTasks{", h)
        self.assertIn('    {"MaxRecords",\n        "Upper bound on the number of export tasks returned in one page."},', h)


class HeaderLayoutTest(TempModels):
    """One header per operation and per shape: including an operation compiles exactly what it reaches."""

    def test_seed_model_files(self):
        self.assertEqual(sorted(headers_of(RDS, ["DescribeExportTasks"])), [
            "awsq/rds.hpp", "awsq/rds/describe_export_tasks.hpp", "awsq/rds/docs.hpp", "awsq/rds/service.hpp",
            *(f"awsq/rds/shapes/{s}.hpp" for s in sorted([
                "DescribeExportTasksMessage", "ExportSourceType", "ExportTask", "ExportTaskNotFoundFault",
                "ExportTasksList", "ExportTasksMessage", "Filter", "FilterList", "FilterValueList", "Integer",
                "MaxRecords", "String", "StringList", "TStamp"]))])
        full = headers_of(RDS)
        self.assertIn("awsq/rds/describe_db_instances.hpp", full)
        self.assertIn("awsq/rds/shapes/DBInstance.hpp", full)

    def test_umbrella_includes_every_operation_and_lists_them(self):
        h = headers_of(botocore_model("sts", "2011-06-15"))
        umbrella = h["awsq/sts.hpp"]
        ops = [p for p in h if p.count("/") == 2 and not p.endswith(("service.hpp", "docs.hpp"))]
        self.assertEqual(sorted(included(umbrella)), sorted(ops + ["awsq/sts/service.hpp"]))
        self.assertIn("using operations = boost::mp11::mp_list<AssumeRole, AssumeRoleWithSAML,", umbrella)
        self.assertIn("#include <awsq/sts/assume_role_with_web_identity.hpp>\n", umbrella)

    def test_an_operation_header_reaches_exactly_its_shapes(self):
        full = load_model(botocore_model("rds", "2014-10-31"))
        headers = emit_headers(ShapeGraph(full), "x")
        for op in ("DescribeExportTasks", "DescribeDBInstances", "ModifyDBInstance"):
            alone = ShapeGraph(full, [op])
            reached = closure(headers, alone.operation_path[op])
            expected = {alone.unit_of[s].path for s in alone.reachable}
            self.assertEqual({h for h in reached if "/shapes/" in h}, expected, op)
            self.assertLess(len(reached), len(headers) / 4, op)

    def test_every_generated_include_is_generated(self):
        for path in (RDS, REDSHIFT, botocore_model("iam", "2010-05-08")):
            headers = headers_of(path)
            for name, text in headers.items():
                for inc in included(text):
                    self.assertTrue(inc in headers or inc in ("awsq/model.hpp", "awsq/waiter.hpp",
                                                              "awsq/documentation.hpp"),
                                    f"{name} includes {inc}")

    def test_operations_restriction_generates_only_what_they_reach(self):
        full = botocore_model("rds", "2014-10-31")
        h = headers_of(full, ["DescribeExportTasks"])
        self.assertEqual(len([p for p in h if "/shapes/" in p]), 14)
        self.assertEqual([p for p in h if "/shapes/" not in p],
                         ["awsq/rds.hpp", "awsq/rds/describe_export_tasks.hpp", "awsq/rds/docs.hpp",
                          "awsq/rds/service.hpp"])
        self.assertEqual(h["awsq/rds/shapes/Filter.hpp"], headers_of(full)["awsq/rds/shapes/Filter.hpp"])

    def test_operation_headers_have_boto3_names(self):
        import botocore
        for service, model in botocore_query_models():
            for op in load_model(model).operations:
                self.assertEqual(snake_case(op), botocore.xform_name(op), f"{service} {op}")

    def test_shapes_of_a_cycle_share_the_header_of_the_first(self):
        doc = tiny_model(A={"type": "structure", "members": {"B": {"shape": "B"}}},
                         B={"type": "structure", "members": {"A": {"shape": "A"}, "Name": {"shape": "String"}}})
        doc["shapes"]["OpResponse"]["members"] = {"A": {"shape": "A"}}
        h = self.headers(doc)
        a = h["awsq/tiny/shapes/A.hpp"]
        self.assertIn("// Tiny shapes A, B: a cycle.\n", a)
        self.assertIn("struct A;\n\n", a)
        self.assertLess(a.index("struct B {"), a.index("struct A {"))
        self.assertIn("    awsq::indirect<tiny::A> A{};\n", a)
        self.assertEqual(included(h["awsq/tiny/shapes/B.hpp"]), ["awsq/tiny/shapes/A.hpp"])
        self.assertIn("#include <awsq/tiny/shapes/String.hpp>\n", a)

    def test_file_names_stay_distinct_on_case_insensitive_file_systems(self):
        doc = tiny_model(string={"type": "string"}, RoleARN={"type": "string"}, RoleArn={"type": "string"})
        doc["shapes"]["OpRequest"]["members"].update({"A": {"shape": "string"}, "B": {"shape": "RoleARN"},
                                                      "C": {"shape": "RoleArn"}})
        h = self.headers(doc)
        self.assertIn("awsq/tiny/shapes/string_2.hpp", h)
        self.assertIn("awsq/tiny/shapes/RoleArn_2.hpp", h)
        self.assertIn("inline constexpr shape_facts string{", h["awsq/tiny/shapes/string_2.hpp"])
        self.assertEqual(len({p.lower() for p in h}), len(h))

    def test_a_service_name_that_is_not_an_identifier_keeps_its_folder(self):
        path = self.write(tiny_model(), name="my-svc")
        h = emit_headers(ShapeGraph(load_model(path)), "x")
        self.assertIn("awsq/my-svc.hpp", h)
        self.assertIn("#include <awsq/my-svc/op.hpp>\n", h["awsq/my-svc.hpp"])
        self.assertIn("namespace awsq::my_svc {", h["awsq/my-svc/op.hpp"])
        self.assertIn("struct wire<my_svc::OpRequest> {", h["awsq/my-svc/shapes/OpRequest.hpp"])

    def test_every_query_model_in_botocore_generates(self):
        services = dict(botocore_query_models())
        for name in ("autoscaling", "cloudformation", "cloudsearch", "cloudwatch", "docdb", "elasticache",
                     "elasticbeanstalk", "elb", "elbv2", "iam", "neptune", "rds", "redshift", "ses", "sns", "sts"):
            self.assertIn(name, services)
        for name, model in services.items():
            with self.subTest(service=name):
                headers = emit_headers(ShapeGraph(load_model(model)), "x")
                self.assertIn(f"awsq/{name}.hpp", headers)


class NamesTest(TempModels):
    """Model names that are not usable C++ as they are, renamed by the rules of graph.py."""

    def test_shape_named_like_an_operation_keeps_its_name_and_the_descriptor_takes_a_suffix(self):
        doc = tiny_model(Op={"type": "structure", "members": {}})
        doc["shapes"]["OpResponse"]["members"] = {"X": {"shape": "Op"}}
        g = self.graph(doc)
        self.assertEqual((g.type_name("Op"), g.operation_name("Op")), ("Op", "OpOperation"))
        self.assertIn("struct OpOperation {", self.headers(doc)["awsq/tiny/op_operation.hpp"])

    def test_sdk_alias_is_skipped_when_a_shape_has_its_name(self):
        doc = tiny_model(OpRequest2={"type": "structure", "members": {}})
        doc["operations"]["Op"]["input"] = {"shape": "OpRequest2"}
        doc["shapes"]["OpResponse"]["members"] = {"Other": {"shape": "OpRequest"}}
        g = self.graph(doc)
        self.assertEqual([a.name for a in g.aliases], ["OpResult"])
        self.assertEqual(g.skipped_aliases, [("OpRequest", "shape OpRequest")])
        text = self.headers(doc)["awsq/tiny/op.hpp"]
        self.assertNotIn("using OpRequest =", text)
        self.assertIn("using OpResult = OpResponse;", text)

    def test_names_the_generated_code_uses_are_renamed(self):
        doc = tiny_model(service={"type": "structure", "members": {"class": {"shape": "std"}}},
                         std={"type": "string", "enum": ["a"]}, tiny={"type": "string"},
                         shape_facts={"type": "string"}, linux={"type": "string"})
        doc["shapes"]["OpRequest"]["members"].update({"S": {"shape": "service"}, "T": {"shape": "tiny"},
                                                      "F": {"shape": "shape_facts"}, "L": {"shape": "linux"}})
        g = self.graph(doc)
        self.assertEqual([g.type_name(n) for n in ("service", "std", "tiny", "shape_facts", "linux")],
                         ["service_", "std_", "tiny_", "shape_facts_", "linux_"])
        text = self.headers(doc)["awsq/tiny/shapes/service_.hpp"]
        self.assertIn("struct service_ {\n    std::optional<awsq::open_enum<std_>> class_{};\n};", text)
        self.assertIn('{.name = "class", .shape = &tiny::shapes::std_},', text)

    def test_member_named_like_its_structure_keeps_its_name(self):
        doc = tiny_model(AdjustmentType={"type": "structure", "members": {"AdjustmentType": {"shape": "String"}}})
        doc["shapes"]["OpResponse"]["members"] = {"A": {"shape": "AdjustmentType"}}
        text = self.headers(doc)["awsq/tiny/shapes/AdjustmentType.hpp"]
        self.assertIn("    std::optional<std::string> AdjustmentType{};\n", text)
        self.assertIn('awsq::described_member<&AdjustmentType::AdjustmentType, "AdjustmentType">', text)

    def test_members_that_collide_once_renamed_get_a_number(self):
        doc = tiny_model()
        doc["shapes"]["OpRequest"]["members"] = {"class": {"shape": "String"}, "class_": {"shape": "String"},
                                                 "a.b": {"shape": "String"}, "a_b": {"shape": "String"}}
        g = self.graph(doc)
        s = g.shape("OpRequest")
        self.assertEqual([g.member_name(s, m) for m in s.members], ["class_", "class_2", "a_b", "a_b_2"])

    def test_member_named_like_a_type_it_uses_qualifies_the_type(self):
        doc = tiny_model(Endpoint={"type": "structure", "members": {"Address": {"shape": "String"}}},
                         Kind={"type": "string", "enum": ["a"]},
                         Endpoints={"type": "list", "member": {"shape": "Endpoint"}})
        doc["shapes"]["OpResponse"]["members"] = {"All": {"shape": "Endpoints"}, "Endpoint": {"shape": "Endpoint"},
                                                  "Kind": {"shape": "Kind"}, "Other": {"shape": "Endpoint"}}
        text = self.headers(doc)["awsq/tiny/shapes/OpResponse.hpp"]
        self.assertIn("    std::optional<std::vector<tiny::Endpoint>> All{};\n", text)
        self.assertIn("    std::optional<tiny::Endpoint> Endpoint{};\n", text)
        self.assertIn("    std::optional<awsq::open_enum<tiny::Kind>> Kind{};\n", text)
        self.assertIn("    std::optional<tiny::Endpoint> Other{};\n", text)

    def test_names_do_not_depend_on_the_chosen_operations(self):
        doc = tiny_model(service={"type": "structure", "members": {}}, service_={"type": "structure", "members": {}})
        doc["operations"]["Other"] = {"name": "Other", "input": {"shape": "service_"}}
        doc["shapes"]["OpResponse"]["members"] = {"S": {"shape": "service"}}
        one, both = self.graph(doc, operations=["Other"]), self.graph(doc)
        self.assertEqual(one.type_name("service_"), "service_2")
        self.assertEqual(both.type_name("service_"), "service_2")


class BotocoreEquivalenceTest(unittest.TestCase):
    """botocore's own full models, restricted to the two operations, give the same C++ types."""

    def check(self, ours: Path, service: str, version: str, op: str) -> tuple[ShapeGraph, ShapeGraph]:
        mine = ShapeGraph(load_model(ours), [op])
        theirs = ShapeGraph(load_model(botocore_model(service, version)), [op])
        self.assertEqual(mine.signature(), theirs.signature())
        return mine, theirs

    def test_rds_describe_export_tasks(self):
        mine, theirs = self.check(RDS, "rds", "2014-10-31", "DescribeExportTasks")
        self.assertEqual(mine.shape("MaxRecords").min, theirs.shape("MaxRecords").min)

    def test_redshift_describe_table_restore_status(self):
        mine, theirs = self.check(REDSHIFT, "redshift", "2012-12-01", "DescribeTableRestoreStatus")
        # The one deliberate difference: awsq's model gives MaxRecords Redshift's documented range.
        req = lambda g: {m.name: g.shape(m.shape) for m in g.shape("DescribeTableRestoreStatusMessage").members}
        self.assertEqual((req(mine)["MaxRecords"].min, req(mine)["MaxRecords"].max), (20, 100))
        self.assertEqual((req(theirs)["MaxRecords"].min, req(theirs)["MaxRecords"].max), (None, None))

    def test_rds_describe_db_instances(self):
        self.check(RDS, "rds", "2014-10-31", "DescribeDBInstances")

    def test_redshift_describe_clusters(self):
        mine, _ = self.check(REDSHIFT, "redshift", "2012-12-01", "DescribeClusters")
        # DescribeClusters keeps botocore's unbounded IntegerOptional: the 20..100 range is a shape of
        # DescribeTableRestoreStatus's own, not shared.
        req = {m.name: m.shape for m in mine.shape("DescribeClustersMessage").members}
        self.assertEqual(req["MaxRecords"], "IntegerOptional")

    def test_sts_operations(self):
        for op in ("AssumeRole", "AssumeRoleWithWebIdentity", "GetCallerIdentity"):
            with self.subTest(op):
                self.check(STS, "sts", "2011-06-15", op)


def without_docs(value):
    """A model value with every documentation field left out, at any depth."""
    if isinstance(value, dict):
        return {k: without_docs(v) for k, v in value.items() if k not in ("documentation", "documentationUrl")}
    if isinstance(value, list):
        return [without_docs(v) for v in value]
    return value


class BundledModelFactsTest(unittest.TestCase):
    """The bundled models are botocore's facts with our own documentation: nothing else may drift."""

    BUNDLED = [(RDS, "rds", "2014-10-31"), (REDSHIFT, "redshift", "2012-12-01"), (STS, "sts", "2011-06-15")]
    # Where a bundled model deliberately differs from botocore. Redshift documents 20..100 for
    # DescribeTableRestoreStatus's MaxRecords, which botocore points at the unbounded IntegerOptional:
    # awsq gives that member a bounded shape of its own (DescribeClusters does not share it).
    ADDED_SHAPES = {("redshift", "MaxRecords"): {"type": "integer", "box": True, "max": 100, "min": 20}}
    CHANGED_REFERENCES = {  # (service, shape, member): (our target shape, botocore's)
        ("redshift", "DescribeTableRestoreStatusMessage", "MaxRecords"): ("MaxRecords", "IntegerOptional")}

    @staticmethod
    def read(path: Path) -> dict:
        raw = path.read_bytes()
        return json.loads(gzip.decompress(raw) if path.suffix == ".gz" else raw)

    def pairs(self):
        for path, service, version in self.BUNDLED:
            theirs_path = botocore_model(service, version)
            yield service, self.read(path), self.read(theirs_path), path.parent, theirs_path.parent

    def test_metadata_and_version_are_botocores(self):
        for service, ours, theirs, _, _ in self.pairs():
            with self.subTest(service):
                self.assertEqual(ours["metadata"], theirs["metadata"])
                self.assertEqual(ours["version"], theirs["version"])

    def test_every_operation_equals_botocores_but_for_documentation(self):
        for service, ours, theirs, _, _ in self.pairs():
            for name, op in ours["operations"].items():
                with self.subTest(f"{service} {name}"):
                    self.assertIn("documentation", op)  # one sentence of our own per operation
                    self.assertNotEqual(op["documentation"], theirs["operations"][name].get("documentation"))
                    self.assertEqual(without_docs(op), without_docs(theirs["operations"][name]))

    def test_every_shape_equals_botocores_but_for_documentation_and_the_listed_differences(self):
        for service, ours, theirs, _, _ in self.pairs():
            for name, shape in ours["shapes"].items():
                with self.subTest(f"{service} {name}"):
                    if (service, name) in self.ADDED_SHAPES:
                        self.assertNotIn(name, theirs["shapes"])
                        self.assertEqual(without_docs(shape), self.ADDED_SHAPES[service, name])
                        continue
                    mine = without_docs(shape)
                    for (s, n, member), (ours_target, their_target) in self.CHANGED_REFERENCES.items():
                        if (s, n) == (service, name):
                            self.assertEqual(mine["members"][member], {"shape": ours_target})
                            mine["members"][member] = {"shape": their_target}
                    self.assertEqual(mine, without_docs(theirs["shapes"][name]))

    def test_documentation_is_our_own(self):
        def docs(value, path=""):
            if isinstance(value, dict):
                for k, v in value.items():
                    yield from ([(path, v)] if k == "documentation" else docs(v, f"{path}.{k}"))
        for service, ours, theirs, _, _ in self.pairs():
            their_texts = {text for _, text in docs(theirs)}
            for path, text in docs(ours):
                with self.subTest(f"{service} {path}"):
                    self.assertNotIn(text, their_texts)
                    self.assertRegex(text, r"^<p>[^<>]+</p>$")  # one short paragraph, no markup

    def test_every_shape_is_reached_by_an_operation(self):
        for path, service, _ in self.BUNDLED:
            with self.subTest(service):
                self.assertEqual(set(ShapeGraph(load_model(path)).reachable), set(self.read(path)["shapes"]))

    def test_paginators_are_botocores(self):
        for service, ours, _, folder, their_folder in self.pairs():
            with self.subTest(service):
                theirs = json.loads((their_folder / "paginators-1.json").read_text())["pagination"]
                mine = json.loads((folder / "paginators-1.json").read_text())["pagination"] \
                    if (folder / "paginators-1.json").exists() else {}
                self.assertEqual(mine, {op: theirs[op] for op in ours["operations"] if op in theirs})

    def test_waiters_are_botocores_for_the_bundled_operations(self):
        for service, ours, _, folder, their_folder in self.pairs():
            with self.subTest(service):
                none = {"version": 2, "waiters": {}}
                theirs, mine = (json.loads((f / "waiters-2.json").read_text()) if (f / "waiters-2.json").exists()
                                else none for f in (their_folder, folder))
                self.assertEqual(mine["version"], theirs["version"])
                self.assertEqual(mine["waiters"], {name: w for name, w in theirs["waiters"].items()
                                                   if w["operation"] in ours["operations"]})
        self.assertIn("DBInstanceAvailable", load_model(RDS).waiters)
        self.assertIn("DBInstanceDeleted", load_model(RDS).waiters)
        self.assertIn("ClusterAvailable", load_model(REDSHIFT).waiters)


if __name__ == "__main__":
    unittest.main()
