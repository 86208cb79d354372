using System.Text.RegularExpressions;
using Honk.Tasks;

namespace Honk.Tests.Tasks;

/// <summary>The examples in docs/task-files.md must stay valid task files.</summary>
public sealed partial class TaskFileDocsTests
{
    private static string DocsFile(string name = "task-files.md")
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "docs", name);
            if (File.Exists(candidate) && File.Exists(Path.Combine(folder.FullName, "Honk.sln")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("docs/task-files.md not found above the test's folder.");
    }

    [GeneratedRegex("```markdown\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex MarkdownBlock();

    [Fact]
    public async Task DocsExamples_AllParse()
    {
        var text = (await File.ReadAllTextAsync(DocsFile(), TestContext.Current.CancellationToken)).Replace("\r\n", "\n", StringComparison.Ordinal);

        var files = MarkdownBlock().Matches(text).Select(m => TaskFile.Parse(m.Groups[1].Value)).ToList();

        Assert.Equal(2, files.Count);
        Assert.Equal("Fix the crash on an empty cart", files[0].Task.Title);
        Assert.Equal(2, files[0].Task.Preconditions.Count);
        Assert.Equal(TaskDelivery.PullRequest, files[0].Delivery);
        Assert.Equal(40, files[1].Task.Budget?.MaxTurns);
        Assert.Equal(3m, files[1].Task.Budget?.MaxCostUsd);
    }

    [Fact]
    public async Task WritingGuideExamples_AllParse()
    {
        var text = (await File.ReadAllTextAsync(DocsFile("tasks.md"), TestContext.Current.CancellationToken)).Replace("\r\n", "\n", StringComparison.Ordinal);

        var files = MarkdownBlock().Matches(text).Select(m => TaskFile.Parse(m.Groups[1].Value)).ToList();

        Assert.Equal(2, files.Count);
        Assert.Equal(["src/Orders/**", "tests/Orders.Tests/**"], files[0].Task.AllowedPaths);
        Assert.Equal(2, files[1].Task.Preconditions.Count);
        Assert.Equal(2, files[1].Task.Examples.Count);
    }
}
