"""awsq codegen: loader, shape graph, emitter and command line, on our models, botocore's and bad ones."""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "codegen"))

from awsq_codegen import ModelError, ShapeGraph, emit_header, load_model  # noqa: E402
from awsq_codegen.__main__ import main  # noqa: E402
from awsq_codegen.naming import enumerator_names, identifier  # noqa: E402

RDS = ROOT / "models/rds/2014-10-31/service-2.json"
REDSHIFT = ROOT / "models/redshift/2012-12-01/service-2.json"


def botocore_model(service: str, version: str) -> Path:
    import botocore
    folder = Path(botocore.__file__).parent / "data" / service / version
    return next(p for p in (folder / "service-2.json", folder / "service-2.json.gz") if p.exists())


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

    def refused(self, doc=None, text=None) -> ModelError:
        path = self.write(doc, text=text)
        with self.assertRaises(ModelError) as ctx:
            ShapeGraph(load_model(path))
        self.assertTrue(str(ctx.exception).startswith(str(path) + ": "), str(ctx.exception))
        return ctx.exception


class LoadingTest(unittest.TestCase):
    def test_our_rds_model_loads_with_metadata_and_paginator(self):
        m = load_model(RDS)
        self.assertEqual(m.service, "rds")
        self.assertEqual(m.metadata.api_version, "2014-10-31")
        self.assertEqual(m.metadata.xml_namespace, "http://rds.amazonaws.com/doc/2014-10-31/")
        op = m.operations["DescribeExportTasks"]
        self.assertEqual((op.input, op.output, op.result_wrapper), ("DescribeExportTasksMessage",
                         "ExportTasksMessage", "DescribeExportTasksResult"))
        self.assertEqual(m.paginators["DescribeExportTasks"].result_key, "ExportTasks")
        self.assertEqual(m.shapes["ExportTaskNotFoundFault"].error_code, "ExportTaskNotFound")
        self.assertEqual(m.shapes["ExportTaskNotFoundFault"].error_status, 404)

    def test_botocore_gzipped_model_loads_unchanged(self):
        m = load_model(botocore_model("rds", "2014-10-31"))
        self.assertEqual(m.service, "rds")
        self.assertIn("DescribeExportTasks", m.operations)
        self.assertIn("DescribeExportTasks", m.paginators)


class ClosureAndOrderTest(TempModels):
    def test_closure_of_describe_export_tasks_is_exactly_its_shapes(self):
        g = ShapeGraph(load_model(RDS))
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
                         ["std::optional<awsq::open_enum<awsq::tiny::Mode>>",
                          "std::optional<awsq::tiny::Endpoint>",
                          "std::optional<awsq::open_enum<awsq::tiny::Mode>>"])

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

    def test_name_clash_with_the_sdk_alias_is_refused(self):
        doc = tiny_model(OpRequest2={"type": "structure", "members": {}})
        doc["operations"]["Op"]["input"] = {"shape": "OpRequest2"}
        doc["shapes"]["OpResponse"]["members"] = {"Other": {"shape": "OpRequest"}}
        e = self.refused(doc)
        self.assertEqual(e.problem, "C++ name OpRequest of the input alias of operation Op clashes with shape OpRequest")

    def test_name_clash_between_a_shape_and_an_operation_is_refused(self):
        doc = tiny_model(Op={"type": "structure", "members": {}})
        doc["shapes"]["OpResponse"]["members"] = {"X": {"shape": "Op"}}
        e = self.refused(doc)
        self.assertEqual(e.problem, "C++ name Op of operation Op clashes with shape Op")

    def test_unknown_operation(self):
        with self.assertRaises(ModelError) as ctx:
            ShapeGraph(load_model(RDS), ["DescribeNothing"])
        self.assertEqual(ctx.exception.problem, "unknown operation DescribeNothing")

    def test_command_line_fails_with_file_shape_and_problem(self):
        e_path = self.write(tiny_model(Doc={"type": "document"}))
        err = io.StringIO()
        with redirect_stderr(err):
            code = main(["--model", str(e_path), "--output", str(self.dir / "out.hpp")])
        self.assertEqual(code, 1)
        self.assertEqual(err.getvalue(), f"awsq codegen: error: {e_path}: shape Doc: unsupported type 'document'\n")
        self.assertFalse((self.dir / "out.hpp").exists())


class NamingTest(unittest.TestCase):
    def test_enum_values_that_are_not_identifiers(self):
        self.assertEqual(enumerator_names(("t2.micro", "1", "delete", "linux", "t2_micro", "gp2", "GP2")),
                         ["t2_micro", "v1", "delete_", "linux_", "t2_micro_2", "gp2", "GP2"])

    def test_identifiers(self):
        self.assertEqual(identifier("String"), "String")
        self.assertEqual(identifier("class"), "class_")
        self.assertEqual(identifier("_x"), "v_x")


class EmitterTest(TempModels):
    def test_output_is_byte_stable_and_independent_of_operation_order(self):
        m = load_model(REDSHIFT)
        a = emit_header(ShapeGraph(m), "redshift/2012-12-01/service-2.json")
        b = emit_header(ShapeGraph(load_model(REDSHIFT)), "redshift/2012-12-01/service-2.json")
        self.assertEqual(a, b)

    def test_header_holds_data_only(self):
        text = emit_header(ShapeGraph(load_model(RDS)), "rds/2014-10-31/service-2.json")
        self.assertIn("struct Filter {\n", text)
        self.assertIn("using DescribeExportTasksRequest = DescribeExportTasksMessage;", text)
        self.assertIn('{.name = "Values", .required = true, .shape = &rds::shapes::FilterValueList},', text)
        self.assertIn('inline constexpr shape_facts MaxRecords{.name = "MaxRecords", .min = 20, .max = 100};', text)
        for algorithm in ("for (", "while (", "tinyxml2", "boost/json", "return "):
            self.assertNotIn(algorithm, text)

    def test_enum_wire_strings_only_where_they_differ(self):
        doc = tiny_model(Size={"type": "string", "enum": ["t2.micro", "large"]})
        doc["shapes"]["OpRequest"]["members"]["Size"] = {"shape": "Size"}
        text = emit_header(ShapeGraph(load_model(self.write(doc))), "x")
        self.assertIn("enum class Size {\n    t2_micro,\n    large,\n};", text)
        self.assertIn('static constexpr std::string_view values[] = {"t2.micro", "large"};', text)
        self.assertNotIn("struct wire<rds", text)

    def test_command_line_leaves_an_unchanged_header_untouched(self):
        out = self.dir / "awsq" / "rds.hpp"
        self.assertEqual(main(["--model", str(RDS), "--output", str(out)]), 0)
        os.utime(out, (1, 1))
        self.assertEqual(main(["--model", str(RDS), "--output", str(out)]), 0)
        self.assertEqual(out.stat().st_mtime, 1)


class BotocoreEquivalenceTest(unittest.TestCase):
    """botocore's own full models, restricted to the two operations, give the same C++ types."""

    def check(self, ours: Path, service: str, version: str, op: str) -> tuple[ShapeGraph, ShapeGraph]:
        mine = ShapeGraph(load_model(ours))
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


if __name__ == "__main__":
    unittest.main()
