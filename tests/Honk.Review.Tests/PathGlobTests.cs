namespace Honk.Review.Tests;

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
    public void IsMatch_Pattern_MatchesExpectedPaths(string pattern, string path, bool expected)
        => Assert.Equal(expected, new PathGlob(pattern).IsMatch(path));
}
