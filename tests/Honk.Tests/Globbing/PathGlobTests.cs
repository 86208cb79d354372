using Honk.Globbing;

namespace Honk.Tests.Globbing;

public sealed class PathGlobTests
{
    [Theory]
    [InlineData("src/Orders/**", "src/Orders/OrderService.cs", true)]
    [InlineData("src/Orders/**", "src/Orders/Deep/A.cs", true)]
    [InlineData("src/Orders/**", "src/OrdersX/A.cs", false)]
    [InlineData("src/Orders", "src/Orders/A.cs", true)]
    [InlineData("./src/Orders/", "src/Orders/A.cs", true)]
    [InlineData("src/*.cs", "src/A.cs", true)]
    [InlineData("src/*.cs", "src/sub/A.cs", false)]
    [InlineData("**/*.md", "README.md", true)]
    [InlineData("**/*.md", "docs/a/b.md", true)]
    [InlineData("*.md", "docs/b.md", false)]
    [InlineData("src/{a,b}/**", "src/b/x.cs", true)]
    [InlineData("src/{a,b}/**", "src/c/x.cs", false)]
    [InlineData("src/file?.cs", "src/file1.cs", true)]
    [InlineData("src/[ab].cs", "src/b.cs", true)]
    [InlineData("src/[!ab].cs", "src/b.cs", false)]
    [InlineData("src/Orders/OrderService.cs", "src/Orders/OrderService.cs", true)]
    [InlineData("src/Orders/OrderService.cs", "src/Orders/OrderService.cs.bak", false)]
    [InlineData("src/a+b(1).cs", "src/a+b(1).cs", true)]
    [InlineData("SRC/**", "src/a.cs", false)]
    public void IsMatchOrBelow_Pattern_MatchesExpectedPaths(string pattern, string path, bool expected)
        => Assert.Equal(expected, PathGlob.ParseLenient(pattern).IsMatchOrBelow(path));

    [Theory]
    [InlineData("src/*", "src/a/b.cs", false)]
    [InlineData("src/*", "src/a", true)]
    [InlineData("packages/**", "packages/a/b", true)]
    [InlineData("*.{cs,csproj}", "App.csproj", true)]
    [InlineData("*.{cs,csproj}", "App.json", false)]
    public void IsMatch_WholePathOnly(string pattern, string path, bool expected)
        => Assert.Equal(expected, PathGlob.Parse(pattern).IsMatch(path));

    [Theory]
    [InlineData("nuget.config", "NuGet.Config", true)]
    [InlineData("*.csproj", "App.CSPROJ", true)]
    [InlineData("*.csproj", "App.csproj.user", false)]
    [InlineData("src/*.cs", "SRC/a.cs", true)]
    public void ParseIgnoringCase_MatchesAnyCase(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, PathGlob.ParseIgnoringCase(pattern).IsMatch(path));
        Assert.False(PathGlob.Parse(pattern).IsMatch(path) && !expected);
    }

    [Theory]
    [InlineData("src/[ab.cs", "'[' without its ']'")]
    [InlineData("src/{a,b.cs", "'{' without its '}'")]
    [InlineData("./", "is empty")]
    public void Parse_Malformed_ThrowsWithTheReason(string pattern, string reason)
        => Assert.Contains(reason, Assert.Throws<FormatException>(() => PathGlob.Parse(pattern)).Message, StringComparison.Ordinal);

    [Fact]
    public void ParseLenient_UnclosedBracket_IsALiteral()
        => Assert.True(PathGlob.ParseLenient("src/[ab.cs").IsMatch("src/[ab.cs"));

    [Fact]
    public void IsMatch_AGlobThatMakesABacktrackingEngineExplode_AnswersAtOnce()
    {
        // The real `honk run`: list_files with this glob on a repository holding a 200-letter name failed after 1 s
        // (RegexMatchTimeoutException); the matcher must stay linear in the path for every glob.
        var glob = PathGlob.Parse(string.Concat(Enumerable.Repeat("*a", 18)) + "*b");
        var name = new string('a', 200);

        Assert.False(glob.IsMatch(name));
        Assert.False(glob.IsMatchOrBelow("src/" + name));
        Assert.True(glob.IsMatch(name + "b"));
    }
}
