namespace Honk.Review;

/// <summary>Rules on test code: deleted or emptied test files, removed tests, skips, focus, removed or trivial assertions.</summary>
internal static class TestCodeRules
{
    private const int GitContextLines = 3;

    public static void Inspect(IReadOnlyList<FileDiff> files, List<GuardViolation> violations)
    {
        var tests = new Tally();
        var assertions = new Tally();
        foreach (var file in files)
        {
            if (file.IsBinary || PathKinds.IsDocument(file.Path))
            {
                continue;
            }

            var isTest = PathKinds.IsTestPath(file.Path) || (file.OldPath is { } old && PathKinds.IsTestPath(old));
            if (file.Kind == FileChangeKind.Deleted && isTest)
            {
                violations.Add(new("test-file-deleted", file.Path, null,
                    $"the test file was deleted ({file.RemovedLines} lines). Restore it: fix the code under test instead of removing its tests."));
                continue;
            }

            if (isTest && IsEmptied(file))
            {
                violations.Add(new("test-file-emptied", file.Path, null,
                    $"the test file was emptied ({file.RemovedLines} lines removed). Restore its tests: fix the code under test instead."));
                continue;
            }

            tests.Add(file, l => TestPatterns.MarkedTest().IsMatch(l) || (isTest && TestPatterns.NamedTest().IsMatch(l)));

            AddedMarkers(file, violations, "test-skipped", l => TestPatterns.MarkedSkip().IsMatch(l) || (isTest && TestPatterns.NamedSkip().IsMatch(l)),
                "a skip was added to a test ({0}). Remove it and make the test pass by fixing the code under test.");
            if (isTest)
            {
                AddedMarkers(file, violations, "test-focused", l => TestPatterns.Focus().IsMatch(l),
                    "a test was focused ({0}), which silently skips every other test. Remove the focus.");
                AddedMarkers(file, violations, "trivial-assertion", l => TestPatterns.TrivialAssertion().IsMatch(l),
                    "an assertion that cannot fail was added ({0}). Assert the real expected behaviour instead.");
                assertions.Add(file, IsAssertion);
            }
        }

        // Tests and assertions moved between files are fine; only a net loss over the whole change is a removal.
        tests.Report(violations, "test-removed",
            "{0} test(s) removed, e.g. `{1}` (line {2} of the original). Restore the removed tests; fix the code they test instead.");
        assertions.Report(violations, "assertions-removed",
            "{0} assertion line(s) removed, e.g. `{1}` (line {2} of the original). Keep the assertions; fix the code so they pass.");
    }

    internal static string Snippet(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 100 ? trimmed : trimmed[..97] + "...";
    }

    /// <summary>Reports added lines matching a marker, unless the same line was only moved (removed elsewhere in the file).</summary>
    private static void AddedMarkers(FileDiff file, List<GuardViolation> violations, string rule, Func<string, bool> isMarker, string message)
    {
        var removed = file.ChangedLines
            .Where(l => l.Kind == DiffLineKind.Removed && isMarker(l.Text))
            .Select(l => l.Text.Trim())
            .ToList();
        foreach (var line in file.ChangedLines.Where(l => l.Kind == DiffLineKind.Added && isMarker(l.Text)))
        {
            if (removed.Remove(line.Text.Trim()))
            {
                continue;
            }

            violations.Add(new(rule, file.Path, line.NewLine, string.Format(System.Globalization.CultureInfo.InvariantCulture, message, $"`{Snippet(line.Text)}`")));
        }
    }

    private static bool IsAssertion(string text) => TestPatterns.Assertion().IsMatch(text) && !TestPatterns.BlankOrComment().IsMatch(text);

    /// <summary>
    /// The file still exists but holds nothing but blanks and comments. Only decidable when the diff shows the whole
    /// new file: one hunk from its first line with fewer trailing context lines than git prints (so the file ends there).
    /// </summary>
    private static bool IsEmptied(FileDiff file)
    {
        if (file.Kind == FileChangeKind.Deleted || file.RemovedLines == 0 || file.Hunks.Count != 1)
        {
            return false;
        }

        var hunk = file.Hunks[0];
        if (hunk.NewStart > 1 || hunk.OldStart > 1)
        {
            return false;
        }

        var trailingContext = hunk.Lines.Reverse().TakeWhile(l => l.Kind == DiffLineKind.Context).Count();
        if (hunk.NewCount > 0 && trailingContext >= GitContextLines)
        {
            return false;
        }

        return hunk.Lines.Where(l => l.Kind != DiffLineKind.Removed).All(l => TestPatterns.BlankOrComment().IsMatch(l.Text));
    }

    /// <summary>Counts removed and added lines of one kind per file, to report files with a net loss when the change as a whole loses some.</summary>
    private sealed class Tally
    {
        private readonly List<(FileDiff File, List<DiffLine> Removed, int Added)> _files = [];

        public void Add(FileDiff file, Func<string, bool> matches)
        {
            var removed = file.ChangedLines.Where(l => l.Kind == DiffLineKind.Removed && matches(l.Text)).ToList();
            var added = file.ChangedLines.Count(l => l.Kind == DiffLineKind.Added && matches(l.Text));
            _files.Add((file, removed, added));
        }

        public void Report(List<GuardViolation> violations, string rule, string message)
        {
            if (_files.Sum(f => f.Removed.Count) <= _files.Sum(f => f.Added))
            {
                return;
            }

            foreach (var (file, removed, added) in _files.Where(f => f.Removed.Count > f.Added))
            {
                var first = removed[0];
                violations.Add(new(rule, file.Path, first.OldLine,
                    string.Format(System.Globalization.CultureInfo.InvariantCulture, message, removed.Count - added, Snippet(first.Text), first.OldLine)));
            }
        }
    }
}
