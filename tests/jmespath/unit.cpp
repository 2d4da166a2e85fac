// <awsq/jmespath.hpp>: the specification's examples, every function, compile errors with their
// columns, runtime errors, python jmespath's quirks that awsq keeps, and the nesting limit.
#include <awsq/jmespath.hpp>

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>

#include <string>

namespace {

namespace jp = awsq::jmespath;

/// The result as python's json.dumps writes it, or "error: <message>".
std::string run(std::string_view expression, std::string_view document = "null") {
    const auto doc = boost::json::parse(document);
    auto r = jp::search(expression, doc);
    if (!r) return "error: " + r.error().message();
    return jp::detail::dumps(*r);
}

/// The compile error's message ("" when it compiles).
std::string compile_error(std::string_view expression) {
    auto r = jp::compile(expression);
    if (r) return "";
    CHECK(r.error().kind() == awsq::error_kind::parse);
    return r.error().message();
}

constexpr std::string_view people = R"({"people": [{"first": "James", "last": "d", "age": 30},
    {"first": "Jacob", "last": "e", "age": 20}, {"first": "Jayden", "last": "f", "age": 40},
    {"missing": "different"}], "foo": {"bar": "baz"}})";

constexpr std::string_view reservations = R"({"reservations": [
    {"instances": [{"state": "running"}, {"state": "stopped"}]},
    {"instances": [{"state": "terminated"}, {"state": "running"}]}]})";

}  // namespace

TEST_CASE("identifiers: unquoted, quoted with escapes, missing is null") {
    CHECK(run("foo", R"({"foo": "value"})") == R"("value")");
    CHECK(run("bar", R"({"foo": "value"})") == "null");
    CHECK(run("foo", R"([1])") == "null");
    CHECK(run(R"("with space")", R"({"with space": 1})") == "1");
    CHECK(run(R"("\u00fc")", R"({"ü": 2})") == "2");
    CHECK(run(R"("\ud83d\ude00")", R"({"😀": 3})") == "3");
    CHECK(run(R"("a\"b\\c\n")", R"({"a\"b\\c\n": 4})") == "4");
    CHECK(run(R"("")", R"({"": 5})") == "5");
}

TEST_CASE("sub-expressions: each step applies to the previous result") {
    CHECK(run("foo.bar", R"({"foo": {"bar": "value"}})") == R"("value")");
    CHECK(run(R"(foo."bar")", R"({"foo": {"bar": "value"}})") == R"("value")");
    CHECK(run("foo.bar", R"({"foo": {"baz": "value"}})") == "null");
    CHECK(run("foo.bar.baz", R"({"foo": {"bar": {"baz": "value"}}})") == R"("value")");
    CHECK(run("foo.bar.baz", R"({"foo": {"bar": 1}})") == "null");
}

TEST_CASE("index expressions: negative indexes count from the end") {
    constexpr std::string_view letters = R"(["a", "b", "c", "d", "e", "f"])";
    CHECK(run("[0]", letters) == R"("a")");
    CHECK(run("[1]", letters) == R"("b")");
    CHECK(run("[-1]", letters) == R"("f")");
    CHECK(run("[10]", letters) == "null");
    CHECK(run("[-10]", letters) == "null");
    CHECK(run("[0]", R"({"0": 1})") == "null");
    CHECK(run("foo[0][1]", R"({"foo": [[1, 2]]})") == "2");
    CHECK(run("[99999999999999999999]", letters) == "null");
}

TEST_CASE("slices: start, stop, step, negative values, python's clamping") {
    constexpr std::string_view ten = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
    CHECK(run("[0:5]", ten) == "[0,1,2,3,4]");
    CHECK(run("[5:10]", ten) == "[5,6,7,8,9]");
    CHECK(run("[0:10:2]", ten) == "[0,2,4,6,8]");
    CHECK(run("[::2]", ten) == "[0,2,4,6,8]");
    CHECK(run("[::-1]", ten) == "[9,8,7,6,5,4,3,2,1,0]");
    CHECK(run("[-2:]", ten) == "[8,9]");
    CHECK(run("[:-8]", ten) == "[0,1]");
    CHECK(run("[8:2:-3]", ten) == "[8,5]");
    CHECK(run("[-100:100]", "[1, 2]") == "[1,2]");
    CHECK(run("[100:-100:-1]", "[1, 2]") == "[2,1]");
    CHECK(run("[5:1]", ten) == "[]");
    CHECK(run("[0:2]", R"("abc")") == "null");
    SUBCASE("a slice projects; an index or slice after an index does not (python)") {
        CHECK(run("[1:].a", R"([{"a": 1}, {"a": 2}, {"a": 3}])") == "[2,3]");
        CHECK(run("[0][1:].a", R"([[{"a": 1}, {"a": 2}]])") == "null");
    }
    SUBCASE("a step of 0 is an error once applied to an array") {
        CHECK(run("[::0]", "[1]") == "error: jmespath: slice step cannot be 0");
        CHECK(run("[::0]", R"({"a": 1})") == "null");
    }
}

TEST_CASE("projections: list, slice, object and flatten projections drop nulls") {
    CHECK(run("people[*].first", people) == R"(["James","Jacob","Jayden"])");
    CHECK(run("people[:2].first", people) == R"(["James","Jacob"])");
    CHECK(run("people[*].foo", people) == "[]");
    CHECK(run("foo[*].bar", people) == "null");
    CHECK(run("reservations[*].instances[*].state", reservations) ==
          R"([["running","stopped"],["terminated","running"]])");
    CHECK(run("reservations[].instances[].state", reservations) == R"(["running","stopped","terminated","running"])");
    CHECK(run("ops.*.numArgs", R"({"ops": {"functionA": {"numArgs": 2}, "functionB": {"numArgs": 3},
                                   "functionC": {"variadic": true}}})") == "[2,3]");
    CHECK(run("*", R"([1])") == "null");
    CHECK(run("[]", "[[0, 1], 2, [3], 4, [5, [6, 7]]]") == "[0,1,2,3,4,5,[6,7]]");
    CHECK(run("[][]", "[[0, 1], 2, [3], 4, [5, [6, 7]]]") == "[0,1,2,3,4,5,6,7]");
    CHECK(run("[]", R"({"a": 1})") == "null");
    CHECK(run("[*][0]", "[[1, 2], [3], [], 4]") == "[1,3]");
    SUBCASE("a projection stops at a pipe, a comparator, ||, && and flatten") {
        CHECK(run("people[*].first | [0]", people) == R"("James")");
        CHECK(run("people[*].first[0]", people) == "[]");
        CHECK(run("reservations[*].instances[*].state[]", reservations) ==
              R"(["running","stopped","terminated","running"])");
        CHECK(run("[*].a || `1`", "[]") == "1");
    }
}

TEST_CASE("filters: comparators, truthiness, projections of the kept elements") {
    constexpr std::string_view machines = R"({"machines": [{"name": "a", "state": "running", "n": 1},
        {"name": "b", "state": "stopped", "n": 2.5}, {"name": "c", "state": "running", "n": 3}]})";
    CHECK(run("machines[?state=='running'].name", machines) == R"(["a","c"])");
    CHECK(run("machines[?state!='running'].name", machines) == R"(["b"])");
    CHECK(run("machines[?n > `1`].name", machines) == R"(["b","c"])");
    CHECK(run("machines[?n >= `2.5`].name", machines) == R"(["b","c"])");
    CHECK(run("machines[?n < `3`].name", machines) == R"(["a","b"])");
    CHECK(run("machines[?n <= `1.0`].name", machines) == R"(["a"])");
    CHECK(run("machines[?name].n", machines) == "[1,2.5,3]");
    CHECK(run("machines[?!name].n", machines) == "[]");
    CHECK(run("[?@]", R"([0, false, "", [], {}, null, "x", [0], {"a": 0}])") == R"([0,"x",[0],{"a":0}])");
    CHECK(run("[?a == `1` && b == `2`]", R"([{"a": 1, "b": 2}, {"a": 1}])") == R"([{"a":1,"b":2}])");
    CHECK(run("a[?b][]", R"({"a": [{"b": [1]}, {"b": [2, 3]}]})") == R"([{"b":[1]},{"b":[2,3]}])");
    CHECK(run("[?a]", R"({"a": 1})") == "null");
}

TEST_CASE("comparisons: numbers by value, ordering only numbers and strings") {
    CHECK(run("`1` == `1.0`") == "true");
    CHECK(run("`18446744073709551615` > `9223372036854775807`") == "true");
    CHECK(run("`9007199254740993` == `9007199254740992.0`") == "false");
    CHECK(run("`[1, {\"a\": null}]` == `[1.0, {\"a\": null}]`") == "true");
    CHECK(run("`{\"a\": 1, \"b\": 2}` == `{\"b\": 2, \"a\": 1}`") == "true");
    CHECK(run("`true` == `1`") == "false");
    CHECK(run("`[true]` == `[1]`") == "true");  // python: inside arrays a boolean is an int
    CHECK(run("'abc' < 'abd'") == "true");
    CHECK(run("'b' >= 'a'") == "true");
    CHECK(run("`[1]` < `[2]`") == "null");
    CHECK(run("`true` < `false`") == "null");
    CHECK(run("a < `1`", "{}") == "null");
    CHECK(run("'a' < `1`") == "error: jmespath: cannot order string and number");
    CHECK(run("'a' == 'a'") == "true");
    CHECK(run("`null` == missing", "{}") == "true");
}

TEST_CASE("or, and, not: JMESPath's truthiness (0 is true)") {
    CHECK(run("foo || bar", R"({"bar": 2})") == "2");
    CHECK(run("foo || bar", R"({"foo": [], "bar": 2})") == "2");
    CHECK(run("foo || bar", R"({"foo": 0, "bar": 2})") == "0");
    CHECK(run("foo && bar", R"({"foo": 1, "bar": 2})") == "2");
    CHECK(run("foo && bar", R"({"foo": "", "bar": 2})") == R"("")");
    CHECK(run("!foo", R"({"foo": 0})") == "false");
    CHECK(run("!foo", R"({"foo": {}})") == "true");
    CHECK(run("!foo", "{}") == "true");
    CHECK(run("!`true` || `1`") == "1");
    CHECK(run("`1` || `2` && `false`") == "1");  // && binds tighter than ||
}

TEST_CASE("pipes, multi-select lists and hashes, current node") {
    CHECK(run("people[].[first, age]", people) == R"([["James",30],["Jacob",20],["Jayden",40],[null,null]])");
    CHECK(run("people[].{Name: first, Age: age}", people) ==
          R"([{"Name":"James","Age":30},{"Name":"Jacob","Age":20},{"Name":"Jayden","Age":40},{"Name":null,"Age":null}])");
    CHECK(run("[a, b]", "null") == "null");
    CHECK(run("{a: a}", "null") == "null");
    CHECK(run("{a: a, a: b}", R"({"a": 1, "b": 2})") == R"({"a":2})");
    CHECK(run(R"({"x y": @})", "1") == R"({"x y":1})");
    CHECK(run("@", "[1]") == "[1]");
    CHECK(run("foo | bar | @", R"({"foo": {"bar": 3}})") == "3");
    CHECK(run("a.[b, c]", R"({"a": {"b": 1, "c": 2}})") == "[1,2]");
    CHECK(run("a.{b: b}", R"({"a": {"b": 1}})") == R"({"b":1})");
    CHECK(run("(a.b).c", R"({"a": {"b": {"c": 4}}})") == "4");
}

TEST_CASE("literals: JSON, raw strings, python's unquoted fallback") {
    CHECK(run("`\"foo\"`") == R"("foo")");
    CHECK(run("`[1, 2]`") == "[1,2]");
    CHECK(run("`{\"a\": \"b\"}`") == R"({"a":"b"})");
    CHECK(run("` 1.5 `") == "1.5");
    CHECK(run("`foo`") == R"("foo")");
    CHECK(run("`  foo bar`") == R"("foo bar")");
    CHECK(run("`a\\`b`") == R"("a`b")");
    CHECK(run("``") == R"("")");
    CHECK(run("'foo'") == R"("foo")");
    CHECK(run("'it\\'s'") == R"("it's")");
    CHECK(run("'back\\\\slash'") == R"("back\\\\slash")");  // python keeps both backslashes
    CHECK(run("'\\n'") == R"("\\n")");
    CHECK(run("`1e400`") == "Infinity");
    CHECK(run("`NaN`") == "NaN");
}

TEST_CASE("functions: numbers") {
    CHECK(run("abs(`-1`)") == "1");
    CHECK(run("abs(`-1.5`)") == "1.5");
    CHECK(run("abs(`-9223372036854775808`)") == "9223372036854775808");
    CHECK(run("avg(`[10, 15, 20]`)") == "15.0");
    CHECK(run("avg(`[]`)") == "null");
    CHECK(run("ceil(`1.001`)") == "2");
    CHECK(run("ceil(`-1.5`)") == "-1");
    CHECK(run("floor(`1.9`)") == "1");
    CHECK(run("floor(`5`)") == "5");
    CHECK(run("sum(`[1, 2.5, 3]`)") == "6.5");
    CHECK(run("sum(`[]`)") == "0");
    CHECK(run("sum(`[9223372036854775807, 1]`)") == "9223372036854775808");
    CHECK(run("max(`[1, 3, 2]`)") == "3");
    CHECK(run("max(`[\"a\", \"c\", \"b\"]`)") == R"("c")");
    CHECK(run("min(`[1, 3, -2.5]`)") == "-2.5");
    CHECK(run("max(`[]`)") == "null");
    CHECK(run("to_number('12')") == "12");
    CHECK(run("to_number(' 4.5 ')") == "4.5");
    CHECK(run("to_number('1_000')") == "1000");
    CHECK(run("to_number('1e3')") == "1000.0");
    CHECK(run("to_number('-inf')") == "-Infinity");
    CHECK(run("to_number('abc')") == "null");
    CHECK(run("to_number('0x10')") == "null");
    CHECK(run("to_number(`true`)") == "null");
    CHECK(run("to_number(`[1]`)") == "null");
    CHECK(run("to_number(`3.5`)") == "3.5");
}

TEST_CASE("functions: strings") {
    CHECK(run("contains('foobar', 'foo')") == "true");
    CHECK(run("contains('foobar', 'not')") == "false");
    CHECK(run("contains(`[\"a\", 1]`, `1.0`)") == "true");
    CHECK(run("contains(`[1]`, `true`)") == "true");  // python: True == 1
    CHECK(run("ends_with('foobarbaz', 'baz')") == "true");
    CHECK(run("starts_with('foobarbaz', 'bar')") == "false");
    CHECK(run("join(', ', `[\"a\", \"b\"]`)") == R"("a, b")");
    CHECK(run("join('', `[]`)") == R"("")");
    CHECK(run("length('abc')") == "3");
    CHECK(run("length(`\"ü😀\"`)") == "2");  // code points
    CHECK(run("reverse('aü😀')") == R"("\ud83d\ude00\u00fca")");
    CHECK(run("to_string(`[1, 2.0, \"ü\", {\"a\": null}]`)") == R"("[1,2.0,\"\\u00fc\",{\"a\":null}]")");
    CHECK(run("to_string('x')") == R"("x")");
    CHECK(run("to_string(`1e-05`)") == R"("1e-05")");
    CHECK(run("type('a')") == R"("string")");
}

TEST_CASE("functions: arrays and objects") {
    constexpr std::string_view doc = R"({"a": 1, "b": [3, 1, 2], "c": {"x": 1, "y": 2}})";
    CHECK(run("keys(c)", doc) == R"(["x","y"])");
    CHECK(run("values(c)", doc) == "[1,2]");
    CHECK(run("length(b)", doc) == "3");
    CHECK(run("length(c)", doc) == "2");
    CHECK(run("sort(b)", doc) == "[1,2,3]");
    CHECK(run("sort(`[\"b\", \"a\"]`)") == R"(["a","b"])");
    CHECK(run("reverse(b)", doc) == "[2,1,3]");
    CHECK(run("map(&a, `[{\"a\": 1}, {}, {\"a\": 2}]`)") == "[1,null,2]");
    CHECK(run("merge(`{\"a\": 1, \"b\": 2}`, `{\"b\": 3, \"c\": 4}`)") == R"({"a":1,"b":3,"c":4})");
    CHECK(run("merge(`{}`, `[[\"k\", 1]]`)") == R"({"k":1})");  // python's dict.update of pairs
    CHECK(run("not_null(x, `null`, a, b)", doc) == "1");
    CHECK(run("not_null(x)", doc) == "null");
    CHECK(run("to_array(a)", doc) == "[1]");
    CHECK(run("to_array(b)", doc) == "[3,1,2]");
    CHECK(run("type(b)", doc) == R"("array")");
    CHECK(run("type(c)", doc) == R"("object")");
    CHECK(run("type(x)", doc) == R"("null")");
    CHECK(run("type(`true`)") == R"("boolean")");
    CHECK(run("type(a)", doc) == R"("number")");
    CHECK(run("type(&a)") == "null");  // python's quirk
    CHECK(run("b.length(@)", doc) == "3");
}

TEST_CASE("functions: sort_by, max_by, min_by take expression references") {
    constexpr std::string_view doc = R"([{"n": "b", "k": 2}, {"n": "a", "k": 1}, {"n": "c", "k": 2}, {"n": "d", "k": 1}])";
    CHECK(run("sort_by(@, &k)[].n", doc) == R"(["a","d","b","c"])");  // stable
    CHECK(run("sort_by(@, &n)[].n", doc) == R"(["a","b","c","d"])");
    CHECK(run("max_by(@, &k).n", doc) == R"("b")");  // the first of the largest
    CHECK(run("min_by(@, &k).n", doc) == R"("a")");
    CHECK(run("min_by(@, &n).n", doc) == R"("a")");
    CHECK(run("max_by(`[]`, &k)") == "null");
    CHECK(run("sort_by(`[]`, &k)") == "[]");
    CHECK(run("sort_by(@, &k)", R"([{"k": 1}, {"k": "x"}])") ==
          "error: jmespath: sort_by(): the expression gives string for an element, expected number");
    CHECK(run("max_by(@, &k)", R"([{"k": 1}, {}])") ==
          "error: jmespath: max_by(): the expression gives null for an element, expected number or string");
    CHECK(run("sort_by(@, not_null(&k))", R"([{"k": 2}, {"k": 1}])") == R"([{"k":1},{"k":2}])");
}

TEST_CASE("functions: wrong names, counts and types are errors when called") {
    CHECK(run("foo()") == "error: jmespath: unknown function foo()");
    CHECK(run("length(@, @)") == "error: jmespath: length() takes 1 argument, got 2");
    CHECK(run("contains(@)") == "error: jmespath: contains() takes 2 arguments, got 1");
    CHECK(run("merge()") == "error: jmespath: merge() takes at least 1 argument, got 0");
    CHECK(run("not_null()") == "error: jmespath: not_null() takes at least 1 argument, got 0");
    CHECK(run("abs('a')") == "error: jmespath: invalid type for argument 1 of abs(): expected number, got string");
    CHECK(run("length(`1`)") ==
          "error: jmespath: invalid type for argument 1 of length(): expected string, array or object, got number");
    CHECK(run("sum(`[1, \"a\"]`)") ==
          "error: jmespath: invalid type for argument 1 of sum(): expected array of numbers, got array holding string");
    CHECK(run("sort(`[1, \"a\"]`)") ==
          "error: jmespath: invalid type for argument 1 of sort(): expected array of numbers or array of strings, got array holding string");
    CHECK(run("map(a, `[]`)") ==
          "error: jmespath: invalid type for argument 1 of map(): expected expression, got null");
    CHECK(run("contains('abc', `1`)") == "error: jmespath: contains(): a string can only contain a string, not number");
    CHECK(run("&a") == "error: jmespath: an expression reference (&...) has no JSON value");
    CHECK(run("[*].foo()", "{}") == "null");  // never called
    auto e = jp::search("foo()", nullptr);
    REQUIRE(e.has_error());
    CHECK(e.error().kind() == awsq::error_kind::invalid_request);
}

TEST_CASE("compile errors name the 0-based column (in code points) and what was expected") {
    CHECK(compile_error("foo[?a==]") == R"(jmespath: unexpected token ']' at column 8 in "foo[?a==]")");
    CHECK(compile_error("foo.") ==
          R"(jmespath: unexpected end of expression (expected an identifier, '*', '[' or '{') at column 4 in "foo.")");
    CHECK(compile_error("foo[1") == R"(jmespath: unexpected end of expression (expected ']') at column 5 in "foo[1")");
    CHECK(compile_error("a = b") == R"(jmespath: unknown token '=' (expected '==') at column 2 in "a = b")");
    CHECK(compile_error("'abc") == R"(jmespath: unclosed ' delimiter at column 0 in "'abc")");
    CHECK(compile_error("`{\"a\": `") == R"(jmespath: invalid JSON literal `{"a": ` at column 0 in "`{"a": `")");
    CHECK(compile_error(R"("\x")") == R"(jmespath: invalid quoted identifier at column 0 in ""\x"")");
    CHECK(compile_error(R"("a"(b))") == R"x(jmespath: a quoted identifier cannot name a function at column 0 in ""a"(b)")x");
    CHECK(compile_error("@(a)") == R"x(jmespath: invalid function name '@' at column 0 in "@(a)")x");
    CHECK(compile_error("") == "jmespath: empty expression");
    CHECK(compile_error("'é' ü") == R"(jmespath: unknown token 'ü' at column 4 in "'é' ü")");
    CHECK(compile_error("a[1:2:3:4]") ==
          R"(jmespath: unexpected token ':' (expected a number or ']') at column 7 in "a[1:2:3:4]")");
    CHECK(compile_error("{a b}") == R"(jmespath: unexpected token 'b' (expected ':') at column 3 in "{a b}")");
    CHECK(compile_error("a.[0]") == R"(jmespath: unexpected token '0' at column 3 in "a.[0]")");
    CHECK(compile_error("a b") == R"(jmespath: unexpected token 'b' at column 2 in "a b")");
    CHECK(compile_error("-") == R"(jmespath: unknown token '-' at column 0 in "-")");
    CHECK(compile_error("a\xff") == "jmespath: invalid UTF-8 at byte 1 of the expression");
    SUBCASE("python's forgiving loops are kept") {
        CHECK(run("{a: `1` b: `2`}", "{}") == R"({"a":1,"b":2})");
        CHECK(run("not_null(a b)", R"({"b": 2})") == "2");
        CHECK(run("[:1 2]", "[1, 2, 3]") == "[1,2]");
    }
}

TEST_CASE("nesting deeper than max_depth is refused at compile time, never a stack overflow") {
    const auto nested = [](int n) { return std::string(n, '(') + "a" + std::string(n, ')'); };
    CHECK(run(nested(200), R"({"a": 1})") == "1");
    CHECK(compile_error(nested(300)).starts_with("jmespath: expression nested more than 256 levels deep at column 256 in"));
    std::string ors = "a";
    for (int i = 0; i < 300; ++i) ors += "||a";
    CHECK(compile_error(ors).starts_with("jmespath: expression nested more than 256 levels deep at column 769 in"));
    CHECK(compile_error(std::string(100000, '!') + "a").starts_with("jmespath: expression nested more than 256"));
    std::string flat = "a";
    for (int i = 0; i < 100000; ++i) flat += "[]";
    CHECK(compile_error(flat).starts_with("jmespath: expression nested more than 256 levels deep at column 257 in"));
    std::string chain = "a";
    for (int i = 0; i < 10000; ++i) chain += ".a";  // a long chain is flat, not deep
    CHECK(compile_error(chain) == "");
}

TEST_CASE("an expression is compiled once, copied cheaply and evaluated many times") {
    auto compiled = jp::compile("Reservations[].Instances[?State=='running'].InstanceId");
    REQUIRE(compiled.has_value());
    const jp::expression copy = *compiled;
    CHECK(copy.text() == "Reservations[].Instances[?State=='running'].InstanceId");
    const auto doc = boost::json::parse(R"({"Reservations": [{"Instances": [{"State": "running", "InstanceId": "i-1"},
        {"State": "stopped", "InstanceId": "i-2"}]}, {"Instances": [{"State": "running", "InstanceId": "i-3"}]}]})");
    for (int i = 0; i < 3; ++i) {
        auto r = jp::evaluate(copy, doc);
        REQUIRE(r.has_value());
        CHECK(jp::detail::dumps(*r) == R"([["i-1"],["i-3"]])");
    }
}

TEST_CASE("an evaluation that would make more than max_values values is an error, not an exhaustion") {
    std::string doubling = "@";
    for (int i = 0; i < 40; ++i) doubling += " | [@, @]";
    CHECK(run(doubling, "1") == "error: jmespath: the evaluation makes more than 16777216 values");
    std::string flat = "@";
    for (int i = 0; i < 40; ++i) flat += " | [@, @][]";
    CHECK(run(flat, "[1]") == "error: jmespath: the evaluation makes more than 16777216 values");
    std::string text = "'abcdefgh'";
    for (int i = 0; i < 40; ++i) text += " | join(@, [@, @, @])";
    CHECK(run(text) == "error: jmespath: the evaluation makes more than 16777216 values");
}
