using Honk.Testing.Shared;
using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests;

/// <summary>
/// Files Honk writes or reads back on the host after the sandbox ran, deeper than the top of <c>.honk/&lt;name&gt;</c> and
/// outside it (ADR 0039): the npm install stamp, the TRX results folder, a sub-project's <c>.honk/.gitignore</c>, the
/// Gradle wrapper's folders, MSBuild's answers. With the real <c>honk run</c>, a committed
/// <c>node_modules/.honk-install → /dev/zero</c> hung the checks forever.
/// </summary>
[Trait("Category", "Security")]
public sealed class HostWritesLinkTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly string _root = Directory.CreateTempSubdirectory("honk-hostwrites-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("honk-hostwrites-host-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public async Task NodeInstallState_StampIsAFifo_IsCompleteEndsWithoutReadingIt()
    {
        var inputs = Manifest();
        Directory.CreateDirectory(Path.Combine(_root, "node_modules"));
        SpecialFiles.MakeFifo(Path.Combine(_root, "node_modules", NodeInstallState.StampFile));

        var complete = await Ends(() => new NodeInstallState(_root, "", inputs).IsComplete());

        Assert.False(complete);
    }

    [Fact]
    public async Task NodeInstallState_LockfileIsAFifo_IsNotReadForTheHash()
    {
        var inputs = Manifest().Append(SpecialFiles.MakeFifo(Path.Combine(_root, "package-lock.json"))).ToList();
        Directory.CreateDirectory(Path.Combine(_root, "node_modules"));
        File.WriteAllText(Path.Combine(_root, "node_modules", NodeInstallState.StampFile), "0\n");

        var complete = await Ends(() => new NodeInstallState(_root, "", inputs).IsComplete());

        Assert.False(complete);
    }

    [Fact]
    public void NodeInstallState_NodeModulesALinkToAHostFolder_StampIsNotWrittenOrDeletedThere()
    {
        var inputs = Manifest();
        var planted = Path.Combine(_outside, NodeInstallState.StampFile);
        File.WriteAllText(planted, "the host's own file\n");
        Directory.CreateSymbolicLink(Path.Combine(_root, "node_modules"), _outside);
        var state = new NodeInstallState(_root, "", inputs);

        state.Clear();
        state.MarkComplete();

        Assert.Equal("the host's own file\n", File.ReadAllText(planted));
    }

    [Fact]
    public void NodeInstallState_PackageFolderALinkToAHostFolder_StampIsNotWrittenThere()
    {
        Directory.CreateDirectory(Path.Combine(_outside, "node_modules"));
        Directory.CreateDirectory(Path.Combine(_root, "packages"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "packages", "a"), _outside);

        new NodeInstallState(_root, "packages/a", []).MarkComplete();

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_outside, "node_modules")));
    }

    [Fact]
    public void TrxReader_ResultsFolderALinkToAHostFolder_ReadsNothingThere()
    {
        File.WriteAllText(Path.Combine(_outside, "host.trx"), "<not-xml");
        var folder = Path.Combine(_root, ".honk-test-results-0123456789ab");
        Directory.CreateSymbolicLink(folder, _outside);

        var results = TrxReader.ReadFolder(folder, _root);

        Assert.Equal(0, results.Total);
    }

    [Fact]
    public async Task TrxReader_AFifoNamedTrx_DoesNotBlock()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, ".honk-test-results-0123456789ab")).FullName;
        SpecialFiles.MakeFifo(Path.Combine(folder, "stuck.trx"));

        var results = await Ends(() => TrxReader.ReadFolder(folder, _root));

        Assert.Equal(0, results.Total);
    }

    [Fact]
    public void WriteFile_LinkDeeperOnTheWay_IsRemovedNotFollowed()
    {
        Directory.CreateDirectory(Path.Combine(_root, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "sub", ".honk"), _outside);

        HostWrites.WriteFile(_root, "sub/.honk/.gitignore", "*\n");

        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
        Assert.Equal("*\n", File.ReadAllText(Path.Combine(_root, "sub", ".honk", ".gitignore")));
    }

    [Fact]
    public async Task GitIdentityFile_AFifoInItsPlace_IsReplacedWithoutBlocking()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".honk"));
        SpecialFiles.MakeFifo(Path.Combine(_root, ".honk", "gitconfig"));

        var path = await Ends(() => GitIdentity.File(_root));

        Assert.True(HostWrites.IsRegularFile(path!));
    }

    [Fact]
    public void GradleWrapperDistributions_WrapperFolderALinkDeeperDown_CreatesNothingOutside()
    {
        var host = Path.Combine(_root, "host-dists");
        var install = Directory.CreateDirectory(Path.Combine(host, "gradle-8.5-bin", "abc")).FullName;
        File.WriteAllText(Path.Combine(install, "gradle-8.5-bin.zip.ok"), "");
        var home = Directory.CreateDirectory(Path.Combine(_root, ".honk", "gradle", "wrapper")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(home, "dists"), _outside);

        var linked = GradleWrapperDistributions.Link(host, Path.GetDirectoryName(home)!);

        Assert.Equal(1, linked);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
    }

    /// <summary>Runs the call on the thread pool and fails the test (with a <see cref="TimeoutException"/>) when it blocks.</summary>
    private static Task<T> Ends<T>(Func<T> call)
        => Task.Run(call, TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);

    private List<string> Manifest()
    {
        var manifest = Path.Combine(_root, "package.json");
        File.WriteAllText(manifest, """{"name":"a","version":"1.0.0","dependencies":{"x":"1"}}""");
        return [manifest];
    }
}
