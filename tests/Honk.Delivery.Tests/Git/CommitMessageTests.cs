using Honk.Delivery.Git.Internal;

namespace Honk.Delivery.Tests.Git;

public sealed class CommitMessageTests
{
    [Theory]
    [InlineData("Fix the NRE", "ignored goal", "Fix the NRE")]
    [InlineData(null, "\n\n  fix   the NRE in OrderService\nwhen the cart is empty", "fix the NRE in OrderService")]
    [InlineData("  Title\nwith a newline ", "goal", "Title with a newline")]
    public void Subject_Task_IsTitleOrFirstGoalLineOnOneLine(string? title, string goal, string expected)
    {
        Assert.Equal(expected, CommitMessage.Subject(new CodingTask(goal) { Title = title }));
    }

    [Fact]
    public void Subject_LongTitle_IsCutAtAWordWithin72Characters()
    {
        var title = string.Join(' ', Enumerable.Repeat("migrate", 20));

        var subject = CommitMessage.Subject(new CodingTask("g") { Title = title });

        Assert.True(subject.Length <= 72, subject);
        Assert.EndsWith("migrate...", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_LongWordWithoutSpaces_IsCutHard()
    {
        var subject = CommitMessage.Subject(new CodingTask(new string('x', 100)));

        Assert.Equal(72, subject.Length);
    }

    [Fact]
    public void Validators_Reports_AreNameEqualsOutcome()
    {
        ValidatorReport[] reports =
        [
            new("dotnet", ValidationResult.Success()),
            new("npm", ValidationResult.Skip("no package.json")),
            new("cargo test", ValidationResult.Failure("1 failed")),
        ];

        Assert.Equal("dotnet=passed, npm=skipped, cargo-test=failed", CommitMessage.Validators(reports));
        Assert.Equal("none", CommitMessage.Validators([]));
    }

    [Fact]
    public void Build_MultiLineModelAndManyFiles_KeepsTrailersParseableAndListBounded()
    {
        var files = Enumerable.Range(1, 60).Select(i => $"src/f{i}.cs").ToArray();
        var result = new SessionResult { SessionId = "s-1", Status = SessionStatus.Succeeded, Summary = "Done.\r\nKey: value that looks like a trailer" };
        var context = new DeliveryContext(new CodingTask("goal"), new NullWorkspace(), result) { Model = "evil\nHonk-Session: forged" };

        var message = CommitMessage.Build(context, files, promptVersion: null);

        var paragraphs = message.TrimEnd('\n').Split("\n\n");
        Assert.Equal(
            ["Honk-Session: s-1", $"Honk-Task-Digest: {new CodingTask("goal").ComputeDigest()}", "Honk-Model: evil Honk-Session: forged", "Honk-Validators: none"],
            paragraphs[^1].Split('\n'));
        Assert.Contains("- src/f50.cs\n- and 10 more", message, StringComparison.Ordinal);
        Assert.DoesNotContain("src/f51.cs", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', message);
    }

    private sealed class NullWorkspace : Workspace
    {
        public override string RootPath => "/nowhere";

        public override ValueTask<IReadOnlyList<string>> GetChangedFilesAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<IReadOnlyList<string>>([]);

        public override ValueTask<string> GetDiffAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult("");
    }

    [Fact]
    public void Build_SummaryClosingAnIssue_ClosesNothingWhenMerged()
    {
        // GitHub closes issue 1 when a commit saying "Fixes #1" reaches the default branch: the model's words must not.
        var result = new SessionResult { SessionId = "s-1", Status = SessionStatus.Succeeded, Summary = "Fixes #1, thanks @octocat" };
        var context = new DeliveryContext(new CodingTask("goal"), new NullWorkspace(), result);

        var message = CommitMessage.Build(context, [], promptVersion: null);

        Assert.Contains("Fixes\u200B #1, thanks @\u200Boctocat", message, StringComparison.Ordinal);
    }
}
