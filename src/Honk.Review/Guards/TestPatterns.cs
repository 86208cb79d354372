using System.Text.RegularExpressions;

namespace Honk.Review;

/// <summary>
/// Line patterns of tests across ecosystems. "Marked" patterns are unambiguous anywhere (an attribute or macro);
/// the others are only trusted inside test files, where <c>it(</c> or <c>assert</c> really mean a test.
/// </summary>
internal static partial class TestPatterns
{
    /// <summary>A test declared by an attribute or macro: xUnit/NUnit/MSTest, JUnit, Rust, GoogleTest/Catch2.</summary>
    [GeneratedRegex(
        @"\[<?\s*(?:Xunit\.|NUnit\.Framework\.)?(?:Fact|Theory|Test|TestMethod|DataTestMethod|TestCase|TestCaseSource|SkippableFact|SkippableTheory)\s*(?:\]|\(|,|>)"
        + @"|@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\b(?!\w)"
        + @"|#\[(?:tokio::|async_std::)?test\b"
        + @"|^\s*(?:TEST|TEST_F|TEST_P|TYPED_TEST|TYPED_TEST_P|TEST_CASE|SCENARIO)\s*\(",
        RegexOptions.CultureInvariant)]
    public static partial Regex MarkedTest();

    /// <summary>A test declared by a call or a name, trusted in test files: JS/TS, Python, Go, RSpec.</summary>
    [GeneratedRegex(
        @"^\s*(?:it|test|specify)(?:\.(?:only|skip|each|concurrent|failing|todo|serial))?\s*(?:\(|`|\s+['""])"
        + @"|^\s*(?:async\s+)?def\s+test\w*\s*\("
        + @"|^\s*func\s+(?:\(\s*\w+\s+\*?\w+\s*\)\s+)?(?:Test|Benchmark|Fuzz)\w*\s*\(",
        RegexOptions.CultureInvariant)]
    public static partial Regex NamedTest();

    /// <summary>A skip that cannot mean anything else: xUnit <c>Skip =</c>, <c>[Ignore]</c>, <c>@Disabled</c>, pytest marks, <c>#[ignore]</c>, GoogleTest.</summary>
    [GeneratedRegex(
        @"\[<?\s*(?:Fact|Theory|SkippableFact|SkippableTheory|Test|TestMethod|TestCase|DataTestMethod)\s*\([^\]]*\bSkip\s*="
        + @"|\[\s*(?:Ignore|Explicit)\b"
        + @"|@(?:Disabled|Ignore)\w*\b"
        + @"|@pytest\.mark\.(?:skip|skipif|xfail)\b|@unittest\.(?:skip|skipIf|skipUnless|expectedFailure)\b|\bpytest\.(?:skip|xfail)\s*\(|\bself\.skipTest\s*\("
        + @"|#\[ignore\b"
        + @"|\bGTEST_SKIP\b|\bDISABLED_\w+"
        + @"|\bAssert\.(?:Skip|SkipWhen|SkipUnless|Ignore|Inconclusive)\s*\("
        + @"|\bmarkTestSkipped\s*\(",
        RegexOptions.CultureInvariant)]
    public static partial Regex MarkedSkip();

    /// <summary>A skip in a test file: <c>.skip</c>, <c>xit(</c>, <c>test.todo</c>, Go's <c>t.Skip</c>.</summary>
    [GeneratedRegex(
        @"\b(?:it|test|describe|context|suite|specify)\.(?:skip|todo)\b|(?<![\w.])x(?:it|test|describe|context|specify)\s*\(|\bt\.Skip(?:f|Now)?\s*\(",
        RegexOptions.CultureInvariant)]
    public static partial Regex NamedSkip();

    /// <summary>Focusing one test silently skips all the others: <c>.only</c>, <c>fit(</c>, <c>fdescribe(</c>.</summary>
    [GeneratedRegex(@"\b(?:it|test|describe|context|suite)\.only\b|(?<![\w.])f(?:it|describe)\s*\(", RegexOptions.CultureInvariant)]
    public static partial Regex Focus();

    /// <summary>A line that checks something in a test.</summary>
    [GeneratedRegex(
        @"\bAssert\w*\.\w+|\bexpect\s*\(|\bassert\w*!?\s*[\s(]|\bassert\w*\b|\.Should\w*\s*\(|\bShould\.\w+|\b(?:require|assert)\.\w+\s*\("
        + @"|\bt\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\s*\(|\b(?:EXPECT|ASSERT)_\w+|\bREQUIRE\s*\(|\bCHECK\s*\(|\bverify\s*\(",
        RegexOptions.CultureInvariant)]
    public static partial Regex Assertion();

    /// <summary>An assertion that cannot fail.</summary>
    [GeneratedRegex(
        @"\bAssert\.True\s*\(\s*true\s*\)|\bAssert\.False\s*\(\s*false\s*\)|\bAssert\.Pass\s*\("
        + @"|\bexpect\s*\(\s*true\s*\)\s*\.\s*toBe(?:Truthy)?\s*\(\s*(?:true)?\s*\)|^\s*assert\s+True\s*$|\bassert!\s*\(\s*true\s*\)|\bassertTrue\s*\(\s*true\s*\)",
        RegexOptions.CultureInvariant)]
    public static partial Regex TrivialAssertion();

    /// <summary>A line with nothing but a comment (or nothing).</summary>
    [GeneratedRegex(@"^\s*(?:$|//|#|/\*|\*|--|;|<!--|"""""")", RegexOptions.CultureInvariant)]
    public static partial Regex BlankOrComment();
}
