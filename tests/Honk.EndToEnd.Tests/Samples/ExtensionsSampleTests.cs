namespace Honk.EndToEnd.Tests.Samples;

/// <summary>
/// samples/02_extensions against the packed packages, as an app outside the repository would use them (the fixed
/// contract: <c>dotnet run --project samples/02_extensions</c> exits 0 printing <c>succeeded</c>). Needs the packages
/// `.ci/run` packs into artifacts/packages; skipped with a message when they are not there.
/// </summary>
[Collection(SampleRuns.Collection)]
public sealed class ExtensionsSampleTests
{
    [Fact]
    public async Task Samples_Extensions_RunsAgainstThePackedPackages_AndSucceeds()
    {
        var root = SampleRuns.RepositoryRoot();
        if (SampleRuns.MissingPackages(root) is { } missing)
        {
            Assert.Skip(missing);
        }

        SampleRuns.DropStalePackages(root);
        var (exitCode, output, errors) = await SampleRuns.RunAsync(root, ["run", "--project", "samples/02_extensions"], TestContext.Current.CancellationToken);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exitCode == 0, $"the sample exited {exitCode}:\n{output}\n{errors}");
        Assert.Equal("succeeded", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("tool      style_guide", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("validator no-todo: passed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("validator make: passed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("delivery  release-note: release note for", StringComparison.Ordinal));
    }
}
