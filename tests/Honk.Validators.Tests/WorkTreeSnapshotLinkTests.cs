using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests;

/// <summary>
/// The snapshot is put back on the host after the repository's checks ran — and those checks are the repository's own
/// code. With the real `honk run`, a Makefile's test target swapped the session's new folder `payload` for a link to a
/// host folder and hid the link from the untracked-file cleanup with a `.gitignore` line: putting back
/// `payload/authorized_keys` wrote the model's bytes into the host folder.
/// </summary>
[Trait("Category", "Security")]
public sealed class WorkTreeSnapshotLinkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("honk-snapshot-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("honk-snapshot-host-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restore_NewFileWhoseFolderTheChecksSwappedForAHiddenLink_IsWrittenInsideNotThroughTheLink()
    {
        await CommitAsync("README.md", "# r\n");
        Directory.CreateDirectory(Path.Combine(_root, "payload"));
        await File.WriteAllTextAsync(Path.Combine(_root, "payload", "authorized_keys"), "ssh-ed25519 AAAA attacker\n", Ct);
        var snapshot = await WorkTreeSnapshot.TakeAsync(_root, Ct);
        Assert.NotNull(snapshot);

        // What the checks do.
        Directory.Move(Path.Combine(_root, "payload"), Path.Combine(_root, "payload.real"));
        File.CreateSymbolicLink(Path.Combine(_root, "payload"), _outside);
        await File.WriteAllTextAsync(Path.Combine(_root, ".gitignore"), "payload\npayload.real\n", Ct);

        await snapshot.RestoreAsync(Ct);

        Assert.False(File.Exists(Path.Combine(_outside, "authorized_keys")), "the restore wrote through the checks' link into a host folder");
        Assert.Null(new FileInfo(Path.Combine(_root, "payload")).LinkTarget);
        Assert.Equal("ssh-ed25519 AAAA attacker\n", await File.ReadAllTextAsync(Path.Combine(_root, "payload", "authorized_keys"), Ct));
    }

    [Fact]
    public async Task Restore_DeletedFileWhoseFolderTheChecksSwappedForALink_DeletesNothingOutside()
    {
        await CommitAsync("keys/k", "tracked\n");
        File.Delete(Path.Combine(_root, "keys", "k"));
        var snapshot = await WorkTreeSnapshot.TakeAsync(_root, Ct);
        Assert.NotNull(snapshot);
        await File.WriteAllTextAsync(Path.Combine(_outside, "k"), "host file\n", Ct);

        Directory.Delete(Path.Combine(_root, "keys"));
        File.CreateSymbolicLink(Path.Combine(_root, "keys"), _outside);
        await File.WriteAllTextAsync(Path.Combine(_root, ".gitignore"), "keys\n", Ct);

        await snapshot.RestoreAsync(Ct);

        Assert.True(File.Exists(Path.Combine(_outside, "k")), "the restore deleted a host file through the checks' link");
    }

    private async Task CommitAsync(string file, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_root, file))!);
        await File.WriteAllTextAsync(Path.Combine(_root, file), text, Ct);
        await ProcessRunner.RunAsync(_root, "git", "init", "-q");
        await ProcessRunner.RunAsync(_root, "git", "add", "-A");
        await ProcessRunner.RunAsync(_root, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base");
    }
}
