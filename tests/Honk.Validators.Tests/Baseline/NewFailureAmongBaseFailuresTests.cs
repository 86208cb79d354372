namespace Honk.Validators.Tests.Baseline;

/// <summary>
/// The failure a change causes must stay in the summary (the stop gate's feedback) however many of the base's failures
/// are the session's business too. Found on Textualize/rich (session 11): a test edited to fail in <c>tests/</c>, where
/// 15 tests already failed on the base (an older pygments, the terminal width); one "yours to fix" line per old failure
/// filled the 2 KB summary and the new failure was cut from the feedback the model read.
/// </summary>
public sealed class NewFailureAmongBaseFailuresTests
{
    [Fact]
    public void MarkPreExisting_ManyBaseFailuresInTheTouchedProject_TheNewFailureIsStillShown()
    {
        var old = Enumerable.Range(1, 15)
            .Select(i => new ValidationFinding($"assert 'rendered line {i} with the old colours' == 'rendered line {i} with the new colours'")
            {
                TestName = $"tests/test_syntax.py::test_python_render_case_number_{i}",
                File = "tests/test_syntax.py",
            })
            .ToList();
        var broken = new ValidationFinding("AssertionError: assert 3 == 4") { TestName = "tests/test_text.py::test_len", File = "tests/test_text.py" };
        var baseline = ValidationResult.Failure("pytest: test failed", old);
        var current = ValidationResult.Failure("pytest: test failed", [.. old.Take(7), broken, .. old.Skip(7)]);
        var comparison = new BaselineComparison { BusinessReason = _ => "the change touches its project (tests)", IsEnvironment = _ => false };

        var marked = ValidationBaseline.MarkPreExisting(current, baseline, comparison);

        Assert.False(marked.OnlyPreExistingFailures);
        Assert.Contains("tests/test_text.py::test_len", marked.Summary, StringComparison.Ordinal);
        Assert.Contains("assert 3 == 4", marked.Summary, StringComparison.Ordinal);
        Assert.Contains("also failing on the base, but yours to fix (the change touches its project (tests)): tests/test_syntax.py::test_python_render_case_number_1",
            marked.Summary, StringComparison.Ordinal);
    }
}
