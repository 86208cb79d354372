namespace Honk.Tools.Tests.Commands;

public sealed class OutputCaptureTests
{
    [Fact]
    public void Append_PartialLinesFromTwoSources_KeepsEachLineWhole()
    {
        var capture = new OutputCapture(100, 100);

        capture.Append(1, "out-a");
        capture.Append(2, "err-a\n");
        capture.Append(1, "-end\nout-b\n");
        capture.Complete(1);
        capture.Complete(2);

        Assert.Equal("err-a\nout-a-end\nout-b", capture.ToString());
        Assert.False(capture.Truncated);
    }

    [Fact]
    public void Append_LongLine_CutWithNote()
    {
        var capture = new OutputCapture(10, 20);

        capture.Append(1, new string('x', 50) + "\nshort\r\n");

        Assert.Equal(new string('x', 20) + " [... 30 more characters cut]\nshort", capture.ToString());
        Assert.True(capture.Truncated);
    }

    [Fact]
    public void Append_ManyLines_KeepsHeadAndTail()
    {
        var capture = new OutputCapture(4, 100);

        capture.AppendLine("warning");
        capture.Append(1, string.Concat(Enumerable.Range(1, 10).Select(i => $"{i}\n")));

        Assert.Equal("warning\n1\n[... 7 lines omitted ...]\n9\n10", capture.ToString());
        Assert.True(capture.Truncated);
    }

    [Fact]
    public void Append_FailureInTheCutMiddle_KeptWithTheLinesAfterIt_WithinTheCap()
    {
        var capture = new OutputCapture(40, 200);
        var lines = Enumerable.Range(1, 600).Select(i => $"ok {i} - passes {i}").ToList();
        lines.InsertRange(300, ["not ok 300 - adds two numbers", "  ---", "  expected: 5", "  actual: -1", "  ..."]);

        capture.Append(1, string.Join('\n', lines) + "\n");
        var text = capture.ToString();

        Assert.True(capture.Truncated);
        Assert.Contains("not ok 300 - adds two numbers\n  ---\n  expected: 5\n  actual: -1\n  ...", text, StringComparison.Ordinal);
        Assert.StartsWith("ok 1 - passes 1\n", text, StringComparison.Ordinal);
        Assert.EndsWith("ok 600 - passes 600", text, StringComparison.Ordinal);
        Assert.True(text.Split('\n').Count(l => !l.StartsWith("[...", StringComparison.Ordinal)) <= 40, text);

        // Every line is either kept or counted.
        var omitted = System.Text.RegularExpressions.Regex.Matches(text, @"\[\.\.\. (\d+) lines omitted").Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(lines.Count, omitted + text.Split('\n').Count(l => !l.StartsWith("[...", StringComparison.Ordinal)));
    }

    [Fact]
    public void Append_ManyFailuresInTheMiddle_TheFirstAreKept_TheHeadKeepsHalfItsRoom()
    {
        var capture = new OutputCapture(40, 200);
        var lines = Enumerable.Range(1, 2000).Select(i => i % 100 == 50 ? $"FAIL case {i}" : $"ok {i}").ToList();

        capture.Append(1, string.Join('\n', lines) + "\n");
        var text = capture.ToString();

        Assert.Contains("FAIL case 50\n", text, StringComparison.Ordinal);
        Assert.StartsWith("ok 1\nok 2\nok 3\nok 4\nok 5\nok 6\nok 7\nok 8\nok 9\nok 10\n[...", text, StringComparison.Ordinal);
        Assert.True(text.Split('\n').Count(l => !l.StartsWith("[...", StringComparison.Ordinal)) <= 40, text);
    }
}
