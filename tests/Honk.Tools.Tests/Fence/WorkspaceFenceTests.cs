using System.Net.Sockets;
using Honk.Tools.Tests.Support;

namespace Honk.Tools.Tests.Fence;

/// <summary>The fence's direct contract: resolution, relative paths, and the kinds of refusal.</summary>
public sealed class WorkspaceFenceTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Resolve_PlainRelativePath_ReturnsFullAndRelativePath()
    {
        _box.Write("src/a.txt", "x");
        var path = _box.Fence.ResolveForRead("src/a.txt");
        Assert.Equal(Path.Combine(_box.Root, "src", "a.txt"), path.FullPath);
        Assert.Equal("src/a.txt", path.RelativePath);
        Assert.True(path.Exists);
        Assert.False(path.IsDirectory);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("./")]
    [InlineData("src/..")]
    public void Resolve_RootSpellings_ReturnRoot(string spelling)
    {
        Directory.CreateDirectory(_box.Path_("src"));
        var path = _box.Fence.ResolveForRead(spelling);
        Assert.True(path.IsRoot);
        Assert.Equal(_box.Root, path.FullPath);
    }

    [Fact]
    public void Resolve_RedundantSeparatorsAndDots_AreNormalized()
    {
        _box.Write("src/a.txt", "x");
        Assert.Equal("src/a.txt", _box.Fence.ResolveForRead("./src//./a.txt").RelativePath);
    }

    [Fact]
    public void Resolve_NewFileUnderNewFolders_ResolvesThroughDeepestExistingAncestor()
    {
        Directory.CreateDirectory(_box.Path_("src"));
        var path = _box.Fence.ResolveForWrite("src/new/deeper/file.cs");
        Assert.False(path.Exists);
        Assert.Equal("src/new/deeper/file.cs", path.RelativePath);
        Assert.StartsWith(_box.Root + "/", path.FullPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SymlinkedFolderInsideRoot_ReturnsRealLocation()
    {
        _box.Write("real/a.txt", "x");
        File.CreateSymbolicLink(_box.Path_("alias"), "real");
        var path = _box.Fence.ResolveForRead("alias/a.txt");
        Assert.Equal("real/a.txt", path.RelativePath);
    }

    [Fact]
    public void Resolve_RootGivenThroughSymlink_IsResolved()
    {
        var link = Path.Combine(_box.Base, "link-to-ws");
        Directory.CreateSymbolicLink(link, _box.Root);
        try
        {
            var fence = new WorkspaceFence(link);
            Assert.Equal(_box.Root, fence.RootPath);
            Assert.Equal("a.txt", fence.ResolveForWrite(link + "/a.txt").RelativePath);
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void Constructor_MissingRoot_Throws()
        => Assert.Throws<DirectoryNotFoundException>(() => new WorkspaceFence(Path.Combine(_box.Base, "missing")));

    [Fact]
    public void Resolve_Escape_MessageTellsModelWhatToDo()
    {
        var error = Assert.Throws<ToolException>(() => _box.Fence.ResolveForRead("../x"));
        Assert.Equal("path '../x' is outside the workspace; use a path relative to the repository root.", error.Message);
    }

    [Fact]
    public void Resolve_Socket_IsRefused()
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(_box.Path_("s.sock")));
        var error = Assert.Throws<ToolException>(() => _box.Fence.ResolveForRead("s.sock"));
        Assert.Contains("socket", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".git", true)]
    [InlineData("a/.GIT/b", true)]
    [InlineData(".git./x", true)]
    [InlineData(".gitignore", false)]
    [InlineData("src/git/x", false)]
    public void IsInsideGitDirectory_Names_AreRecognized(string path, bool expected)
        => Assert.Equal(expected, WorkspaceFence.IsInsideGitDirectory(path));
}
