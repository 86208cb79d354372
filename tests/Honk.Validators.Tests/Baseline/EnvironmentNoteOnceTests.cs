namespace Honk.Validators.Tests.Baseline;

/// <summary>
/// One environment failure shared by several test modules is said once. Found on Textualize/rich (session 12): three
/// test modules import <c>markdown_it</c>, not installed here, and the model read the same "the environment" line three
/// times next to the failure it had to fix.
/// </summary>
public sealed class EnvironmentNoteOnceTests
{
    [Fact]
    public void MarkPreExisting_OneMissingModuleInThreeTestModules_OneEnvironmentNoteForTheThree()
    {
        string[] modules = ["tests/test_markdown.py", "tests/test_markdown_no_hyperlinks.py", "tests/test_log.py"];
        var missing = modules.Select(m => new ValidationFinding("ModuleNotFoundError: No module named 'markdown_it'") { File = m }).ToList();
        var broken = new ValidationFinding("AssertionError: assert 3 == 4") { TestName = "tests/test_text.py::test_len", File = "tests/test_text.py" };
        var baseline = ValidationResult.Failure("pytest: test failed", missing);
        var current = ValidationResult.Failure("pytest: test failed", [broken, .. missing]);
        var comparison = new BaselineComparison { BusinessReason = _ => "the change touches its project (tests)", IsEnvironment = _ => true };

        var marked = ValidationBaseline.MarkPreExisting(current, baseline, comparison);

        var notes = marked.Summary.Split('\n').Where(l => l.Contains("No module named 'markdown_it'", StringComparison.Ordinal)
            && l.StartsWith("also failing on the base", StringComparison.Ordinal)).ToList();
        var note = Assert.Single(notes);
        Assert.EndsWith("(in 3 places)", note, StringComparison.Ordinal);
        Assert.All(modules, m => Assert.Contains(m, marked.Summary, StringComparison.Ordinal));
        Assert.Contains("tests/test_text.py::test_len", marked.Summary, StringComparison.Ordinal);
    }
}
