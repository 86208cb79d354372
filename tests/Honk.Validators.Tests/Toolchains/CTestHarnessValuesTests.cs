using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

/// <summary>
/// A self-checking C test program that prints its failing check, then the values on the lines below it. Found on
/// commonmark/cmark (session 11): its API test printed <c>FAILED test 61: get_fence_info</c> and, below it,
/// <c>Got:</c> and <c>Expected:</c>; only the FAILED line reached the summary, so the model read which check failed but
/// not with which values.
/// </summary>
public sealed class CTestHarnessValuesTests
{
    [Fact]
    public void Parse_AFailedLineWithGotAndExpectedBelowIt_KeepsTheValues()
    {
        const string output = """
            Test project /home/dev/md/.honk/cmake-build
                Start 1: api_test
            1/2 Test #1: api_test .........................***Failed    0.05 sec
            FAILED test 61: get_fence_info
              Got:      "lang"
              Expected: "language"
            140 tests passed, 1 failed, 0 skipped
            FAIL
                Start 2: spectest
            2/2 Test #2: spectest .........................   Passed    1.10 sec

            50% tests passed, 1 tests failed out of 2

            Total Test time (real) =   1.20 sec

            The following tests FAILED:
            	  1 - api_test (Failed)
            Errors while running CTest
            """;

        var finding = Assert.Single(new CTestOutputParser().Parse(output));

        Assert.Equal("api_test", finding.TestName);
        Assert.Contains("FAILED test 61: get_fence_info\nGot:      \"lang\"\nExpected: \"language\"", finding.Message, StringComparison.Ordinal);
    }
}
