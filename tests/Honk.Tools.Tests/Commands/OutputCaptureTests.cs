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
}
