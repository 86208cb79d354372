using Honk.Testing;

namespace Honk.Validators.Tests.Baseline;

/// <summary>
/// A <c>tests/</c> folder beside a package holds that package's tests, even with its own <c>pytest.ini</c>. Found on
/// Textualize/rich (session 11): <c>tests/pytest.ini</c> made <c>tests/</c> a project apart, so a change to the package
/// (<c>rich/…</c>) never made the tests' old failures its business, while a change to one test made all of them its
/// business.
/// </summary>
public sealed class TestFolderOfAPackageTests : IDisposable
{
    private static readonly ValidationFinding OldFailure = new("assert '\\x1b[1m' == '\\x1b[0m'") { TestName = "lib/tests/test_syntax.py::test_blank_lines", File = "lib/tests/test_syntax.py" };

    private readonly TemporaryDirectory _repo = new("honk-tests-folder");

    public TestFolderOfAPackageTests()
    {
        _repo.WriteFile("lib/pyproject.toml", "[tool.poetry]\nname = \"render\"\n\n[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n");
        _repo.WriteFile("lib/render/__init__.py", "");
        _repo.WriteFile("lib/render/syntax.py", "def highlight(code):\n    return code\n");
        _repo.WriteFile("lib/tests/__init__.py", "");
        _repo.WriteFile("lib/tests/pytest.ini", "[pytest]\n");
        _repo.WriteFile("lib/tests/test_syntax.py", "def test_blank_lines():\n    assert False\n");
        _repo.WriteFile("lib/tests/test_text.py", "def test_len():\n    assert True\n");
        _repo.WriteFile("tools/lint/pyproject.toml", "[project]\nname = \"lint-tool\"\n");
        _repo.WriteFile("tools/lint/check.py", "print('ok')\n");
    }

    public void Dispose() => _repo.Dispose();

    [Theory]
    [InlineData("lib/render/syntax.py")]
    [InlineData("lib/tests/test_text.py")]
    public async Task AChangeToThePackageOrToOneOfItsTests_MakesTheTestsOldFailuresItsBusiness(string changed)
    {
        var facts = await RepositoryFacts.ScanAsync(_repo.Path, [changed], TestContext.Current.CancellationToken);

        var reason = new SessionBusiness(new CodingTask("Document the highlighter"), facts).Reason(OldFailure);

        Assert.Equal("the change touches its project (lib)", reason);
    }

    [Fact]
    public async Task AChangeToAnotherProjectOfTheRepository_LeavesThem()
    {
        var facts = await RepositoryFacts.ScanAsync(_repo.Path, ["tools/lint/check.py"], TestContext.Current.CancellationToken);

        Assert.Null(new SessionBusiness(new CodingTask("Document the lint tool"), facts).Reason(OldFailure));
    }
}
