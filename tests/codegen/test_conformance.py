"""awsq codegen on tests/models/conformance: member traits resolved into the generated facts, and
botocore's serializer and parser on the same model, where they agree with the awsQuery specification
(Smithy's aws.protocoltests.query) and where they do not (tests/conformance.cpp holds awsq's side)."""

from __future__ import annotations

import datetime
import json
import sys
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "codegen"))
sys.path.insert(0, str(ROOT / "tests" / "differential"))

from awsq_codegen import ShapeGraph, emit_headers, load_model  # noqa: E402
from awsq_codegen.loader import Model  # noqa: E402

CONFORMANCE = ROOT / "tests/models/conformance/2020-01-01/service-2.json"


def headers(model: Model) -> dict[str, str]:
    return emit_headers(ShapeGraph(model), "model.json")


def inline_model(shapes: dict, operations: dict) -> Path:
    import tempfile
    folder = Path(tempfile.mkdtemp()) / "inline" / "2020-01-01"
    folder.mkdir(parents=True)
    path = folder / "service-2.json"
    path.write_text(json.dumps({
        "metadata": {"apiVersion": "2020-01-01", "endpointPrefix": "inline", "protocol": "query"},
        "operations": operations, "shapes": shapes}))
    return path


class MemberTraits(unittest.TestCase):
    """Smithy's @xmlFlattened is a member trait: botocore merges it over the shape, and so do the facts."""

    def setUp(self):
        self.model = load_model(CONFORMANCE)
        self.out = headers(self.model)

    def test_the_reference_keeps_its_own_flattened(self):
        members = dict((m.name, m) for m in self.model.shapes["QueryListsInput"].members)
        self.assertTrue(members["FlattenedListArg"].flattened)
        self.assertIsNone(members["ListArg"].flattened)

    def test_a_flattening_reference_points_to_a_variant_of_the_shape_facts(self):
        facts = self.out["awsq/conformance/shapes/StringList.hpp"]
        self.assertIn('inline constexpr shape_facts StringList{.name = "StringList", .member = &String};', facts)
        self.assertIn('inline constexpr shape_facts StringList_flattened{.name = "StringList", .flattened = true, '
                      '.member = &String};', facts)
        wire = self.out["awsq/conformance/shapes/QueryListsInput.hpp"]
        self.assertIn('{.name = "ListArg", .shape = &conformance::shapes::StringList},', wire)
        self.assertIn('{.name = "FlattenedListArg", .shape = &conformance::shapes::StringList_flattened},', wire)

    def test_a_list_flattened_by_its_reference_is_named_by_the_reference_alone(self):
        # The specification ignores the list member's xmlName on a flattened list; botocore uses it.
        facts = self.out["awsq/conformance/shapes/ListWithXmlName.hpp"]
        self.assertIn('ListWithXmlName{.name = "ListWithXmlName", .member_name = "item", .member = &String};', facts)
        self.assertIn('ListWithXmlName_flattened{.name = "ListWithXmlName", .flattened = true, .member = &String};',
                      facts)
        wire = self.out["awsq/conformance/shapes/QueryListsInput.hpp"]
        self.assertIn('{.name = "FlattenedListArgWithXmlName", .location_name = "Hi", '
                      '.shape = &conformance::shapes::ListWithXmlName_flattened},', wire)

    def test_maps_keep_their_key_and_value_names_when_flattened_by_the_reference(self):
        facts = self.out["awsq/conformance/shapes/MapWithXmlName.hpp"]
        self.assertIn('MapWithXmlName_flattened{.name = "MapWithXmlName", .flattened = true, .key_name = "K", '
                      '.value_name = "V", .member = &String, .key = &String};', facts)

    def test_a_shape_flattened_by_itself_keeps_botocores_naming(self):
        # sdb's form: flattened on the list shape, its member named; botocore's rule, checked by models-all.
        path = inline_model(
            {"S": {"type": "string"},
             "Names": {"type": "list", "member": {"shape": "S", "locationName": "Name"}, "flattened": True},
             "In": {"type": "structure", "members": {"Names": {"shape": "Names"},
                                                     "Wrapped": {"shape": "Names", "flattened": False}}}},
            {"Op": {"name": "Op", "input": {"shape": "In"}}})
        out = headers(load_model(path))
        facts = out["awsq/inline/shapes/Names.hpp"]
        self.assertIn('Names{.name = "Names", .flattened = true, .member_name = "Name", .member = &S};', facts)
        self.assertIn('Names_wrapped{.name = "Names", .member_name = "Name", .member = &S};', facts)
        self.assertIn('{.name = "Wrapped", .shape = &inline_::shapes::Names_wrapped}',
                      out["awsq/inline/shapes/In.hpp"])

    def test_a_variant_name_never_takes_a_shape_name(self):
        path = inline_model(
            {"S": {"type": "string"},
             "L": {"type": "list", "member": {"shape": "S"}},
             "L_flattened": {"type": "string"},
             "In": {"type": "structure", "members": {"A": {"shape": "L", "flattened": True},
                                                     "B": {"shape": "L_flattened"}}}},
            {"Op": {"name": "Op", "input": {"shape": "In"}}})
        out = headers(load_model(path))
        self.assertIn("inline constexpr shape_facts L_flattened_2{", out["awsq/inline/shapes/L.hpp"])
        self.assertIn("inline constexpr shape_facts L_flattened{", out["awsq/inline/shapes/L_flattened.hpp"])

    def test_output_is_byte_stable(self):
        self.assertEqual(self.out, headers(load_model(CONFORMANCE)))


def _botocore():
    from botocore.model import ServiceModel
    from oracle import Oracle
    return ServiceModel, Oracle


class Botocore(unittest.TestCase):
    """botocore on the conformance model: the bodies tests/conformance.cpp expects of awsq."""

    def body(self, operation: str, params: dict) -> str:
        _, Oracle = _botocore()
        return Oracle(str(CONFORMANCE), operation).serialize(params)

    def parse(self, operation: str, xml: str) -> dict:
        _, Oracle = _botocore()
        parsed = Oracle(str(CONFORMANCE), operation).parse(200, xml)
        parsed.pop("ResponseMetadata", None)
        return parsed

    def test_lists_agree_with_the_specification(self):
        head = "Action=QueryLists&Version=2020-01-08"
        self.assertEqual(self.body("QueryLists", {"ListArg": ["foo", "bar", "baz"],
                                                  "ComplexListArg": [{"hi": "hello"}, {"hi": "hola"}]}),
                         head + "&ListArg.member.1=foo&ListArg.member.2=bar&ListArg.member.3=baz"
                                "&ComplexListArg.member.1.hi=hello&ComplexListArg.member.2.hi=hola")
        self.assertEqual(self.body("QueryLists", {"ListArg": []}), head + "&ListArg=")
        self.assertEqual(self.body("QueryLists", {"FlattenedListArg": ["A", "B"]}),
                         head + "&FlattenedListArg.1=A&FlattenedListArg.2=B")
        self.assertEqual(self.body("QueryLists", {"ListArgWithXmlNameMember": ["A", "B"]}),
                         head + "&ListArgWithXmlNameMember.item.1=A&ListArgWithXmlNameMember.item.2=B")
        self.assertEqual(self.body("QueryLists", {"NestedWithList": {"ListArg": ["A", "B"]}}),
                         head + "&NestedWithList.ListArg.member.1=A&NestedWithList.ListArg.member.2=B")

    def test_a_list_flattened_by_a_renamed_member_disagrees(self):
        # The specification (QueryFlattenedListArgWithXmlName) sends Hi.1=A&Hi.2=B; awsq follows it.
        self.assertEqual(self.body("QueryLists", {"FlattenedListArgWithXmlName": ["A", "B"]}),
                         "Action=QueryLists&Version=2020-01-08&item.1=A&item.2=B")

    def test_maps_agree_with_the_specification(self):
        head = "Action=QueryMaps&Version=2020-01-08"
        self.assertEqual(self.body("QueryMaps", {"MapArg": {"bar": "Bar", "foo": "Foo"}}),
                         head + "&MapArg.entry.1.key=bar&MapArg.entry.1.value=Bar"
                                "&MapArg.entry.2.key=foo&MapArg.entry.2.value=Foo")
        self.assertEqual(self.body("QueryMaps", {"RenamedMapArg": {"foo": "Foo"}}),
                         head + "&Foo.entry.1.key=foo&Foo.entry.1.value=Foo")
        self.assertEqual(self.body("QueryMaps", {"ComplexMapArg": {"bar": {"hi": "Bar"}, "foo": {"hi": "Foo"}}}),
                         head + "&ComplexMapArg.entry.1.key=bar&ComplexMapArg.entry.1.value.hi=Bar"
                                "&ComplexMapArg.entry.2.key=foo&ComplexMapArg.entry.2.value.hi=Foo")
        self.assertEqual(self.body("QueryMaps", {"MapArg": {}}), head)
        self.assertEqual(self.body("QueryMaps", {"MapWithXmlMemberName": {"bar": "Bar", "foo": "Foo"}}),
                         head + "&MapWithXmlMemberName.entry.1.K=bar&MapWithXmlMemberName.entry.1.V=Bar"
                                "&MapWithXmlMemberName.entry.2.K=foo&MapWithXmlMemberName.entry.2.V=Foo")
        self.assertEqual(self.body("QueryMaps", {"FlattenedMap": {"bar": "Bar", "foo": "Foo"}}),
                         head + "&FlattenedMap.1.key=bar&FlattenedMap.1.value=Bar"
                                "&FlattenedMap.2.key=foo&FlattenedMap.2.value=Foo")
        self.assertEqual(self.body("QueryMaps", {"FlattenedMapWithXmlName": {"a": "A", "b": "B"}}),
                         head + "&Hi.1.K=a&Hi.1.V=A&Hi.2.K=b&Hi.2.V=B")
        self.assertEqual(self.body("QueryMaps", {"MapOfLists": {"bar": ["C", "D"], "foo": ["A", "B"]}}),
                         head + "&MapOfLists.entry.1.key=bar&MapOfLists.entry.1.value.member.1=C"
                                "&MapOfLists.entry.1.value.member.2=D&MapOfLists.entry.2.key=foo"
                                "&MapOfLists.entry.2.value.member.1=A&MapOfLists.entry.2.value.member.2=B")
        self.assertEqual(self.body("QueryMaps", {"NestedStructWithMap": {"MapArg": {"bar": "Bar", "foo": "Foo"}}}),
                         head + "&NestedStructWithMap.MapArg.entry.1.key=bar&NestedStructWithMap.MapArg.entry.1.value=Bar"
                                "&NestedStructWithMap.MapArg.entry.2.key=foo&NestedStructWithMap.MapArg.entry.2.value=Foo")

    def test_every_list_and_scalar(self):
        t = datetime.datetime(2014, 4, 29, 18, 30, 38, tzinfo=datetime.timezone.utc)
        self.assertEqual(self.body("EveryListOp", {
            "Strings": ["a", "b"], "Integers": [1, -2], "Longs": [4294967296], "Booleans": [True, False, True],
            "Floats": [1.5], "Doubles": [0.1, -2.5e-05], "Blobs": [b"hi"], "Timestamps": [t], "HttpDates": [t],
            "Enums": ["Foo", "Qux"], "IntEnums": [1, 3], "NestedStrings": [["x"], ["y", "z"]],
            "NestedBooleans": [[True], [False, True]], "FlatBooleans": [False, True]}), EVERY_LIST_BODY)

    def test_non_finite_floats_and_unknown_enum_values(self):
        self.assertEqual(self.body("SimpleScalarsOp", {"floatValue": float("nan"), "doubleValue": float("-inf"),
                                                       "enumValue": "Quux"}),
                         "Action=SimpleScalarsOp&Version=2020-01-08&floatValue=NaN&doubleValue=-Infinity"
                         "&enumValue=Quux")
        self.assertEqual(self.body("SimpleScalarsOp", {"doubleValue": float("inf")}),
                         "Action=SimpleScalarsOp&Version=2020-01-08&doubleValue=Infinity")

    def test_flattened_responses(self):
        parsed = self.parse("XmlLists", XML_LISTS.replace("<customName>", "<item>").replace("</customName>", "</item>"))
        # botocore names a flattened list by its member's locationName ("item"); the specification
        # (XmlLists' flattenedList2) by the structure member's ("customName"), as awsq does.
        self.assertEqual(parsed["flattenedList2"], ["yep", "nope"])
        self.assertNotIn("flattenedList2", self.parse("XmlLists", XML_LISTS))
        self.assertEqual(parsed["flattenedList"], ["hi", "bye"])
        self.assertEqual(parsed["nestedStringList"], [["foo", "bar"], ["baz", "qux"]])
        self.assertEqual(parsed["booleanList"], [True, False])
        maps = self.parse("FlattenedXmlMap", FLATTENED_MAPS)
        self.assertEqual(maps["myMap"], {"foo": "Foo", "baz": "Baz"})
        self.assertEqual(maps["renamed"], {"a": "A", "b": "B"})

    def test_timestamps_in_every_format(self):
        parsed = self.parse("XmlTimestamps", XML_TIMESTAMPS)
        utc = datetime.timezone.utc  # botocore keeps the offset it read; the instants are what is compared
        self.assertEqual({k: v.astimezone(utc).isoformat() for k, v in parsed.items()}, {
            "normal": "2014-04-29T18:30:38+00:00", "dateTime": "2014-04-29T18:30:38+00:00",
            "dateTimeOnTarget": "2014-04-29T18:30:38+00:00", "epochSeconds": "2014-04-29T18:30:38.123000+00:00",
            "epochSecondsOnTarget": "2014-04-29T18:30:38+00:00", "httpDate": "2014-04-29T18:30:38+00:00",
            "httpDateOnTarget": "2014-04-29T18:30:38+00:00"})

    def test_an_operation_without_output_and_an_empty_body(self):
        # The specification (NoInputAndNoOutput) sends an empty body; botocore refuses it, awsq does not.
        from botocore.parsers import ResponseParserError
        with self.assertRaises(ResponseParserError):
            self.parse("NoInputAndNoOutput", "")
        self.assertEqual(self.parse("NoInputAndNoOutput", "<xml/>"), {})


# The bodies tests/conformance.cpp holds too (kept identical by hand).
EVERY_LIST_BODY = (
    "Action=EveryListOp&Version=2020-01-08&Strings.member.1=a&Strings.member.2=b"
    "&Integers.member.1=1&Integers.member.2=-2&Longs.member.1=4294967296"
    "&Booleans.member.1=true&Booleans.member.2=false&Booleans.member.3=true&Floats.member.1=1.5"
    "&Doubles.member.1=0.1&Doubles.member.2=-2.5e-05&Blobs.member.1=aGk%3D"
    "&Timestamps.member.1=2014-04-29T18%3A30%3A38Z&HttpDates.member.1=Tue%2C+29+Apr+2014+18%3A30%3A38+GMT"
    "&Enums.member.1=Foo&Enums.member.2=Qux&IntEnums.member.1=1&IntEnums.member.2=3"
    "&NestedStrings.member.1.member.1=x&NestedStrings.member.2.member.1=y&NestedStrings.member.2.member.2=z"
    "&NestedBooleans.member.1.member.1=true&NestedBooleans.member.2.member.1=false"
    "&NestedBooleans.member.2.member.2=true&FlatBooleans.1=false&FlatBooleans.2=true")

XML_LISTS = """<XmlListsResponse xmlns="https://example.com/"><XmlListsResult>
<stringList><member>foo</member><member>bar</member></stringList>
<booleanList><member>true</member><member>false</member></booleanList>
<nestedStringList><member><member>foo</member><member>bar</member></member><member><member>baz</member><member>qux</member></member></nestedStringList>
<flattenedList>hi</flattenedList><flattenedList>bye</flattenedList>
<customName>yep</customName><customName>nope</customName>
</XmlListsResult></XmlListsResponse>"""

FLATTENED_MAPS = """<FlattenedXmlMapResponse xmlns="https://example.com/"><FlattenedXmlMapResult>
<myMap><key>foo</key><value>Foo</value></myMap><myMap><key>baz</key><value>Baz</value></myMap>
<KVP xmlns="https://the-member.example.com"><K xmlns="https://the-key.example.com">a</K><V xmlns="https://the-value.example.com">A</V></KVP>
<KVP><K>b</K><V>B</V></KVP>
</FlattenedXmlMapResult></FlattenedXmlMapResponse>"""

XML_TIMESTAMPS = """<XmlTimestampsResponse xmlns="https://example.com/"><XmlTimestampsResult>
<normal>2014-04-29T18:30:38Z</normal><dateTime>2014-04-29T20:30:38+02:00</dateTime>
<dateTimeOnTarget>2014-04-29T18:30:38.000Z</dateTimeOnTarget><epochSeconds>1398796238.123</epochSeconds>
<epochSecondsOnTarget>1398796238</epochSecondsOnTarget><httpDate>Tue, 29 Apr 2014 18:30:38 GMT</httpDate>
<httpDateOnTarget>29 Apr 2014 18:30:38 +0000</httpDateOnTarget>
</XmlTimestampsResult></XmlTimestampsResponse>"""

if __name__ == "__main__":
    unittest.main()
