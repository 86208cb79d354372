using Honk.Testing;
using Honk.Validators.Tests.Support;
using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

/// <summary>
/// A Makefile whose default goal is its test target runs the tests once, as the tests. Found on zserge/jsmn (session 13):
/// its Makefile starts with <c>test: test_default test_strict …</c>, so the validator's <c>make -k</c> "build" ran the
/// tests; a broken test read "make: build failed … the tests did not run (test): `build` failed before them".
/// </summary>
public sealed class MakeDefaultGoalTests : IDisposable
{
    // jsmn's layout: the test target first, one test program built per configuration and run by its recipe.
    private const string TestFirstMakefile =
        "-include config.mk\n\n"
        + "test: test_default test_strict\n"
        + "test_default: test/tests.c lib.h\n\t$(CC) $(CFLAGS) $< -o test/$@\n\t./test/$@\n"
        + "test_strict: test/tests.c lib.h\n\t$(CC) -DSTRICT=1 $(CFLAGS) $< -o test/$@\n\t./test/$@\n\n"
        + "clean:\n\trm -f test/test_default test/test_strict\n\n"
        + ".PHONY: clean test\n";

    private readonly TemporaryDirectory _project = new("honk-make-default-goal");

    public void Dispose() => _project.Dispose();

    [Theory]
    [InlineData("-include config.mk\n\ntest: a b\na:\n\tcc a.c\n", "test")]
    [InlineData(".PHONY: all test\n.SUFFIXES:\n%.o: %.c\n\t$(CC) -c $<\nall: app\ntest: app\n", "all")]
    [InlineData("CFLAGS := -O2\nLIB = libx.a\n$(LIB): x.o\n\tar rcs $@ $^\ntest: $(LIB)\n", "$(LIB)")]
    [InlineData("test: app\n\t./app\nall: app\n.DEFAULT_GOAL := all\n", "all")]
    [InlineData("X = 1\n", null)]
    public void FindDefaultGoal_Makefile_TheGoalOfAPlainMake(string makefile, string? expected)
        => Assert.Equal(expected, MakeValidator.FindDefaultGoal(makefile));

    [Fact]
    public async Task ValidateAsync_TestIsTheDefaultGoal_OnlyTheTestTargetRuns()
    {
        _project.WriteFile("Makefile", TestFirstMakefile);
        var runner = new RecordingCommandRunner();

        await new MakeValidator().ValidateAsync(new FolderWorkspace(_project.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(["test"], runner.Requests.Where(r => r.FileName == "make").Select(r => string.Join(' ', r.Arguments)));
    }

    [Fact]
    public async Task MakeValidate_FailingTestInADefaultGoalTestTarget_ATestFailureNotABuildFailure()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "cc");
        _project.WriteFile("Makefile", TestFirstMakefile);
        _project.WriteFile("lib.h", "static int count_tokens(const char *s) { int n = 0; while (*s) n += *s++ == ','; return n + 1; }\n");
        _project.WriteFile("test/tests.c", """
            #include <stdio.h>
            #include "../lib.h"
            int main(void) {
              if (count_tokens("[1,2]") != 3) { printf("FAILED: test for arrays (at line 4)\n"); return 1; }
              printf("PASSED: 1\n");
              return 0;
            }
            """);

        var result = await ToolchainSandbox.ValidateAsync(new MakeValidator(), _project.Path, TestContext.Current.CancellationToken);

        Assert.StartsWith("make: test failed", result.Summary, StringComparison.Ordinal);
        Assert.Contains("FAILED: test for arrays (at line 4)", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("did not run", result.Summary, StringComparison.Ordinal);
    }
}
