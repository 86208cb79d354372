namespace Honk.Validators.Tests;

/// <summary>The scratch folder `.honk` is written on the host after the sandbox ran; a link planted there must not be followed.</summary>
[Trait("Category", "Security")]
public sealed class ScratchFolderLinkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("honk-scratch-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("honk-scratch-host-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public void ScratchPath_ScratchFolderALinkOut_WritesNothingOutside()
    {
        File.CreateSymbolicLink(Path.Combine(_root, ".honk"), _outside);

        var path = Honk.Validators.Toolchains.ToolchainValidator.ScratchPath(_root, "dotnet-evaluate");

        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
        Assert.Null(new FileInfo(Path.Combine(_root, ".honk")).LinkTarget);
        Assert.Equal(Path.Combine(_root, ".honk", "dotnet-evaluate"), path);
    }

    [Fact]
    public void GitIdentityFile_ALinkInItsPlace_IsReplacedNotFollowed()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".honk"));
        var target = Path.Combine(_outside, "created-through-the-link");
        File.CreateSymbolicLink(Path.Combine(_root, ".honk", "gitconfig"), target);

        var path = GitIdentity.File(_root);

        Assert.False(File.Exists(target), "Honk's gitconfig was written through a link to a host file");
        Assert.NotNull(path);
        Assert.Null(new FileInfo(path).LinkTarget);
    }
}
