namespace Honk.EndToEnd.Tests.Samples;

/// <summary>
/// samples/04_semantic_kernel against the packed packages: a kernel runs a scripted Honk session through the
/// <c>honk.run_coding_task</c> function, and the session reads a kernel plugin as a tool. Needs the packages
/// `.ci/run` packs into artifacts/packages; skipped with a message when they are not there.
/// </summary>
[Collection(SampleRuns.Collection)]
public sealed class SemanticKernelSampleTests
{
    [Fact]
    public async Task Samples_SemanticKernel_RunsASessionFromAKernel_AndSucceeds()
    {
        var root = SampleRuns.RepositoryRoot();
        if (SampleRuns.MissingPackages(root) is { } missing)
        {
            Assert.Skip(missing);
        }

        SampleRuns.DropStalePackages(root);
        var (exitCode, output, errors) = await SampleRuns.RunAsync(root, ["run", "--project", "samples/04_semantic_kernel"], TestContext.Current.CancellationToken);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exitCode == 0, $"the sample exited {exitCode}:\n{output}\n{errors}");
        Assert.Equal("succeeded", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("function  honk.run_coding_task:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("tool      tickets_get_ticket: SHOP-7: shout.sh must end", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("answer    {\"status\":\"Succeeded\"", StringComparison.Ordinal));
        Assert.Contains("changed   shout.sh", lines);
        Assert.Contains(lines, l => l.StartsWith("branch    honk/", StringComparison.Ordinal));
    }
}
