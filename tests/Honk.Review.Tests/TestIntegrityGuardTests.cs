namespace Honk.Review.Tests;

public sealed class TestIntegrityGuardTests
{
    internal const string CalcTestsPath = "tests/Calc.Tests/CalcTests.cs";

    internal const string CalcTests = """
        namespace Calc.Tests;

        public class CalcTests
        {
            [Fact]
            public void Add_TwoNumbers_ReturnsSum()
            {
                Assert.Equal(4, Calc.Add(2, 2));
            }

            [Fact]
            public void Divide_ByZero_Throws()
            {
                Assert.Throws<DivideByZeroException>(() => Calc.Divide(1, 0));
            }
        }

        """;

    private const string Calc = "namespace Calc;\n\npublic static class Calc\n{\n    public static int Add(int a, int b) => a - b;\n}\n";

    private static Dictionary<string, string> Project() => new() { [CalcTestsPath] = CalcTests, ["src/Calc/Calc.cs"] = Calc };

    [Fact]
    public async Task JudgeAsync_SkipAddedToFailingFact_VetoesWithFileAndLine()
    {
        await using var repo = await GitDiffRepo.CreateAsync(Project());
        repo.Write(CalcTestsPath, CalcTests.Replace(
            "[Fact]\n    public void Add", "[Fact(Skip = \"flaky on CI\")]\n    public void Add", StringComparison.Ordinal));

        var verdict = await new TestIntegrityGuard().JudgeAsync(await repo.ContextAsync(), TestContext.Current.CancellationToken);

        Assert.False(verdict.Approved);
        Assert.Contains($"{CalcTestsPath}:5: a skip was added to a test (`[Fact(Skip = \"flaky on CI\")]`)", verdict.Feedback, StringComparison.Ordinal);
        Assert.Contains("fixing the code under test", verdict.Feedback, StringComparison.Ordinal);
        Assert.DoesNotContain("test(s) removed", verdict.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JudgeAsync_CodeFixedAndTestAdded_Approves()
    {
        await using var repo = await GitDiffRepo.CreateAsync(Project());
        repo.Write("src/Calc/Calc.cs", Calc.Replace("a - b", "a + b", StringComparison.Ordinal));
        repo.Write(CalcTestsPath, CalcTests.Replace(
            "    [Fact]\n    public void Divide",
            "    [Fact]\n    public void Add_Negative_ReturnsSum()\n    {\n        Assert.Equal(-1, Calc.Add(1, -2));\n    }\n\n    [Fact]\n    public void Divide",
            StringComparison.Ordinal));

        var verdict = await new TestIntegrityGuard().JudgeAsync(await repo.ContextAsync(), TestContext.Current.CancellationToken);

        Assert.True(verdict.Approved, verdict.Feedback);
    }

    [Fact]
    public async Task FindViolations_TestMethodRemoved_ReportsTestAndAssertion()
    {
        await using var repo = await GitDiffRepo.CreateAsync(Project());
        var start = CalcTests.IndexOf("    [Fact]\n    public void Divide", StringComparison.Ordinal);
        var end = CalcTests.IndexOf("    }\n}", StringComparison.Ordinal) + "    }\n".Length;
        repo.Write(CalcTestsPath, CalcTests[..(start - 1)] + CalcTests[end..]);

        var violations = new TestIntegrityGuard().FindViolations(await repo.ParseAsync());

        Assert.Equal(["test-removed", "assertions-removed"], violations.Select(v => v.Rule));
        Assert.Equal(11, violations[0].Line);
        Assert.Contains("1 test(s) removed, e.g. `[Fact]`", violations[0].Message, StringComparison.Ordinal);
        Assert.Contains("Assert.Throws", violations[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindViolations_TestMovedToAnotherFile_IsNotARemoval()
    {
        await using var repo = await GitDiffRepo.CreateAsync(Project());
        var start = CalcTests.IndexOf("    [Fact]\n    public void Divide", StringComparison.Ordinal);
        var end = CalcTests.IndexOf("    }\n}", StringComparison.Ordinal) + "    }\n".Length;
        repo.Write(CalcTestsPath, CalcTests[..(start - 1)] + CalcTests[end..]);
        repo.Write("tests/Calc.Tests/DivideTests.cs", "namespace Calc.Tests;\n\npublic class DivideTests\n{\n" + CalcTests[start..end] + "}\n");

        var violations = new TestIntegrityGuard().FindViolations(await repo.ParseAsync());

        Assert.Empty(violations);
    }

    [Fact]
    public async Task FindViolations_TestFileDeletedOrEmptied_AreReported()
    {
        await using var repo = await GitDiffRepo.CreateAsync(new Dictionary<string, string>
        {
            [CalcTestsPath] = CalcTests,
            ["tests/Calc.Tests/OtherTests.cs"] = CalcTests.Replace("CalcTests", "OtherTests", StringComparison.Ordinal),
            ["tests/test_calc.py"] = "def test_add():\n    assert add(2, 2) == 4\n",
        });
        repo.Delete(CalcTestsPath).Write("tests/Calc.Tests/OtherTests.cs", "// Tests removed for now.\n").Write("tests/test_calc.py", "");

        var violations = new TestIntegrityGuard().FindViolations(await repo.ParseAsync());

        Assert.Equal(
            [("test-file-deleted", CalcTestsPath), ("test-file-emptied", "tests/Calc.Tests/OtherTests.cs"), ("test-file-emptied", "tests/test_calc.py")],
            violations.Select(v => (v.Rule, v.Path)).Order());
    }

    [Fact]
    public async Task FindViolations_AssertionReplacedByTrivialOne_IsReported()
    {
        await using var repo = await GitDiffRepo.CreateAsync(Project());
        repo.Write(CalcTestsPath, CalcTests.Replace("Assert.Equal(4, Calc.Add(2, 2));", "Assert.True(true);", StringComparison.Ordinal));

        var violation = Assert.Single(new TestIntegrityGuard().FindViolations(await repo.ParseAsync()));

        Assert.Equal(("trivial-assertion", 8), (violation.Rule, violation.Line));
    }

    [Fact]
    public async Task FindViolations_AssertionCommentedOut_IsReported()
    {
        await using var repo = await GitDiffRepo.CreateAsync(Project());
        repo.Write(CalcTestsPath, CalcTests.Replace("Assert.Equal(4, Calc.Add(2, 2));", "// Assert.Equal(4, Calc.Add(2, 2));", StringComparison.Ordinal));

        var violation = Assert.Single(new TestIntegrityGuard().FindViolations(await repo.ParseAsync()));

        Assert.Equal(("assertions-removed", 8), (violation.Rule, violation.Line));
    }

    [Theory]
    [InlineData("src/sum.test.js", "test('adds', () => {\n  expect(sum(1, 2)).toBe(3);\n});\n", "test.skip('adds', () => {\n  expect(sum(1, 2)).toBe(3);\n});\n", "test-skipped")]
    [InlineData("spec/a.spec.ts", "it('a', () => {\n  expect(a()).toBe(1);\n});\n", "xit('a', () => {\n  expect(a()).toBe(1);\n});\n", "test-skipped")]
    [InlineData("test/a.test.mjs", "describe('a', () => {\n  it('b', () => {\n    expect(b()).toBe(1);\n  });\n});\n", "describe.only('a', () => {\n  it('b', () => {\n    expect(b()).toBe(1);\n  });\n});\n", "test-focused")]
    [InlineData("test/a.test.ts", "test('adds', () => {\n  expect(sum(1, 2)).toBe(3);\n});\n", "test.todo('adds');\n", "test-skipped")]
    [InlineData("tests/test_calc.py", "def test_add():\n    assert add(2, 2) == 4\n", "import pytest\n\n@pytest.mark.skip(reason='later')\ndef test_add():\n    assert add(2, 2) == 4\n", "test-skipped")]
    [InlineData("tests/test_calc.py", "def test_add():\n    assert add(2, 2) == 4\n", "@pytest.mark.skipif(True, reason='x')\ndef test_add():\n    assert add(2, 2) == 4\n", "test-skipped")]
    [InlineData("tests/test_calc.py", "def test_add():\n    assert add(2, 2) == 4\n\ndef test_sub():\n    assert sub(2, 2) == 0\n", "def test_add():\n    assert add(2, 2) == 4\n", "test-removed")]
    [InlineData("calc_test.go", "func TestAdd(t *testing.T) {\n\tif Add(2, 2) != 4 {\n\t\tt.Fatal(\"bad\")\n\t}\n}\n", "func TestAdd(t *testing.T) {\n\tt.Skip(\"later\")\n\tif Add(2, 2) != 4 {\n\t\tt.Fatal(\"bad\")\n\t}\n}\n", "test-skipped")]
    [InlineData("src/lib.rs", "#[test]\nfn adds() {\n    assert_eq!(add(2, 2), 4);\n}\n", "#[test]\n#[ignore]\nfn adds() {\n    assert_eq!(add(2, 2), 4);\n}\n", "test-skipped")]
    [InlineData("src/lib.rs", "pub fn add() {}\n\n#[test]\nfn adds() {\n    assert_eq!(add(2, 2), 4);\n}\n", "pub fn add() {}\n", "test-removed")]
    [InlineData("src/test/java/CalcTest.java", "@Test\nvoid adds() {\n  assertEquals(4, add(2, 2));\n}\n", "@Disabled\n@Test\nvoid adds() {\n  assertEquals(4, add(2, 2));\n}\n", "test-skipped")]
    [InlineData("tests/calc_test.cc", "TEST(Calc, Adds) {\n  EXPECT_EQ(4, add(2, 2));\n}\n", "TEST(Calc, DISABLED_Adds) {\n  EXPECT_EQ(4, add(2, 2));\n}\n", "test-skipped")]
    [InlineData("tests/calc_test.cc", "TEST(Calc, Adds) {\n  EXPECT_EQ(4, add(2, 2));\n}\n", "TEST(Calc, Adds) {\n  GTEST_SKIP();\n  EXPECT_EQ(4, add(2, 2));\n}\n", "test-skipped")]
    [InlineData("Calc.Tests/CalcTests.cs", "[Test]\npublic void Adds()\n{\n    Assert.That(Add(2, 2), Is.EqualTo(4));\n}\n", "[Test]\n[Ignore(\"later\")]\npublic void Adds()\n{\n    Assert.That(Add(2, 2), Is.EqualTo(4));\n}\n", "test-skipped")]
    [InlineData("Calc.Tests/CalcTests.cs", "[TestMethod]\npublic void Adds()\n{\n    Assert.AreEqual(4, Add(2, 2));\n}\n", "[TestMethod]\npublic void Adds()\n{\n    Assert.Inconclusive();\n    Assert.AreEqual(4, Add(2, 2));\n}\n", "test-skipped")]
    public async Task FindViolations_WeakeningAcrossEcosystems_IsReported(string path, string before, string after, string rule)
    {
        await using var repo = await GitDiffRepo.CreateAsync(new Dictionary<string, string> { [path] = before });
        repo.Write(path, after);

        var violations = new TestIntegrityGuard().FindViolations(await repo.ParseAsync());

        Assert.Contains(violations, v => v.Rule == rule && v.Path == path && v.Line is not null);
    }

    [Theory]
    [InlineData("src/util.js", "const a = list.skip(1);\n", "const a = list.skip(2);\n")]
    [InlineData("src/Linq.cs", "var x = items.Skip(1);\n", "var x = items.Skip(2).Take(1);\n")]
    [InlineData("docs/testing.md", "# Tests\n", "# Tests\n\nUse `[Fact(Skip = \"reason\")]` sparingly.\n")]
    [InlineData("tests/test_calc.py", "def test_add():\n    assert add(2, 2) == 4\n", "def test_add():\n    assert add(2, 2) == 4\n\ndef test_add_negative():\n    assert add(-1, -1) == -2\n")]
    [InlineData("src/app.js", "function assertValid(x) {}\nassertValid(1);\n", "function assertValid(x) {}\n")]
    public async Task FindViolations_HarmlessChanges_AreNotReported(string path, string before, string after)
    {
        await using var repo = await GitDiffRepo.CreateAsync(new Dictionary<string, string> { [path] = before });
        repo.Write(path, after);

        Assert.Empty(new TestIntegrityGuard().FindViolations(await repo.ParseAsync()));
    }

    [Fact]
    public async Task JudgeAsync_AllowTestChanges_ApprovesWithNote()
    {
        await using var repo = await GitDiffRepo.CreateAsync(Project());
        repo.Delete(CalcTestsPath);
        var guard = new TestIntegrityGuard(new TestIntegrityGuardOptions { AllowTestChanges = true });

        var verdict = await guard.JudgeAsync(await repo.ContextAsync(), TestContext.Current.CancellationToken);

        Assert.True(verdict.Approved);
        Assert.Contains("allowed", verdict.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JudgeAsync_AllowedPathsNamingTests_StillCatchesSkips()
    {
        await using var repo = await GitDiffRepo.CreateAsync(Project());
        repo.Write(CalcTestsPath, CalcTests.Replace("[Fact]", "[Fact(Skip = \"x\")]", StringComparison.Ordinal));
        var task = new CodingTask("Fix Add.") { AllowedPaths = ["src/Calc/**", "tests/Calc.Tests/**"] };

        var verdict = await new TestIntegrityGuard().JudgeAsync(await repo.ContextAsync(task), TestContext.Current.CancellationToken);

        Assert.False(verdict.Approved);
    }

    [Fact]
    public async Task FindViolations_IgnoredPaths_AreNotInspected()
    {
        await using var repo = await GitDiffRepo.CreateAsync(new Dictionary<string, string> { ["vendor/lib/tests/a_test.go"] = "func TestA(t *testing.T) {}\n" });
        repo.Delete("vendor/lib/tests/a_test.go");
        var options = new TestIntegrityGuardOptions();
        options.IgnoredPaths.Add("vendor/**");

        Assert.Empty(new TestIntegrityGuard(options).FindViolations(await repo.ParseAsync()));
        Assert.NotEmpty(new TestIntegrityGuard().FindViolations(await repo.ParseAsync()));
    }

    [Fact]
    public async Task JudgeAsync_ManyViolations_FeedbackIsCappedAndCountsTheRest()
    {
        var files = Enumerable.Range(1, 60).ToDictionary(i => $"tests/T{i}Tests.cs", i => CalcTests);
        await using var repo = await GitDiffRepo.CreateAsync(files);
        foreach (var path in files.Keys)
        {
            repo.Write(path, CalcTests.Replace("[Fact]", "[Fact(Skip = \"later\")]", StringComparison.Ordinal));
        }

        var verdict = await new TestIntegrityGuard().JudgeAsync(await repo.ContextAsync(), TestContext.Current.CancellationToken);

        Assert.False(verdict.Approved);
        Assert.True(verdict.Feedback!.Length <= 2_200, $"{verdict.Feedback.Length} chars");
        Assert.Matches(@"… and \d+ more", verdict.Feedback);
    }

    [Fact]
    public async Task JudgeAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var context = new JudgeContext("s", new CodingTask("x"), "", []);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await new TestIntegrityGuard().JudgeAsync(context, cts.Token));
    }
}
