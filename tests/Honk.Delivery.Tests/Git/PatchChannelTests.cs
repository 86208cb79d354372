using Honk.Delivery.Git;
using Honk.Delivery.Tests.Git.Infrastructure;

namespace Honk.Delivery.Tests.Git;

public sealed class PatchChannelTests
{
    [Fact]
    public async Task DeliverAsync_Change_WritesAPatchThatAppliesWithGitAmOnTheBase()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "class Calc { int Add(int a, int b) => a + b; }\n");
        DeliveryTestBed.Edit(workspace, "docs/ünïcode.md", "Grüße, naïve café\n");
        File.Delete(Path.Combine(workspace.RootPath, "README.md"));
        await File.WriteAllBytesAsync(Path.Combine(workspace.RootPath, "logo.bin"), [0, 1, 2, 255, 0, 42], TestContext.Current.CancellationToken);

        var result = await new GitPatchDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(DeliveryTestBed.Context(workspace, session), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(Path.Combine(bed.PatchDirectory, session + ".patch"), result.PatchPath);
        Assert.Contains(result.PatchPath!, result.Message, StringComparison.Ordinal);
        var target = Path.Combine(bed.Root, "apply-here");
        GitCommand.Run(bed.Root, "clone", "--quiet", bed.Source.Path, target);
        GitCommand.Run(target, "checkout", "--quiet", "--detach", workspace.BaseCommit);
        GitCommand.Run(target, "am", "--quiet", result.PatchPath!);
        Assert.Equal(
            GitCommand.Run(workspace.MirrorPath, "rev-parse", result.Commit + "^{tree}").Trim(),
            GitCommand.Run(target, "rev-parse", "HEAD^{tree}").Trim());
        Assert.Contains($"Honk-Session: {session}", GitCommand.Run(target, "log", "-1", "--format=%B"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_SeveralSessionCommits_PatchHoldsAllOfThem()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        var channel = new GitPatchDeliveryChannel(bed.Options(), bed.Clock);
        var ct = TestContext.Current.CancellationToken;
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "one\n");
        await channel.DeliverAsync(DeliveryTestBed.Context(workspace, session), ct);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "two\n");

        var result = await channel.DeliverAsync(DeliveryTestBed.Context(workspace, session), ct);

        var target = Path.Combine(bed.Root, "apply-here");
        GitCommand.Run(bed.Root, "clone", "--quiet", bed.Source.Path, target);
        GitCommand.Run(target, "am", "--quiet", result.PatchPath!);
        Assert.Equal("2", GitCommand.Run(target, "rev-list", "--count", $"{workspace.BaseCommit}..HEAD").Trim());
        Assert.Equal("two\n", File.ReadAllText(Path.Combine(target, "src", "Calc.cs")));
    }

    [Fact]
    public async Task DeliverAsync_SameSessionAgain_RewritesTheSameFileWithTheSameContent()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");
        var channel = new GitPatchDeliveryChannel(bed.Options(), bed.Clock);
        var ct = TestContext.Current.CancellationToken;

        var first = await channel.DeliverAsync(DeliveryTestBed.Context(workspace, session), ct);
        var content = await File.ReadAllTextAsync(first.PatchPath!, ct);
        var second = await channel.DeliverAsync(DeliveryTestBed.Context(workspace, session), ct);

        Assert.Equal(first.PatchPath, second.PatchPath);
        Assert.Equal(first.Commit, second.Commit);
        Assert.Equal(content, await File.ReadAllTextAsync(second.PatchPath!, ct));
        Assert.Single(Directory.GetFiles(bed.PatchDirectory));
    }

    [Fact]
    public async Task DeliverAsync_PatchFolderInsideWorkspace_FailsAndWritesNothing()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");
        var inside = Path.Combine(workspace.RootPath, ".honk", "patches");

        var result = await new GitPatchDeliveryChannel(bed.Options(o => o.PatchDirectory = inside), bed.Clock).DeliverAsync(DeliveryTestBed.Context(workspace, session), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("inside the session's workspace", result.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(inside));
    }

    [Fact]
    public void GetPatchPath_UnsafeSessionId_StaysInsideThePatchFolder()
    {
        var channel = new GitPatchDeliveryChannel(new GitDeliveryOptions { PatchDirectory = "/tmp/honk-patches" });

        var path = channel.GetPatchPath("../../etc/passwd");

        Assert.Equal("/tmp/honk-patches/-..-etc-passwd.patch", path);
    }

    [Fact]
    public async Task DeliverAsync_PatchFolderIsAFile_FailsWithTheReason()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");
        var blocker = Path.Combine(bed.Root, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "", TestContext.Current.CancellationToken);

        var result = await new GitPatchDeliveryChannel(bed.Options(o => o.PatchDirectory = blocker), bed.Clock).DeliverAsync(DeliveryTestBed.Context(workspace, session), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("could not write its files", result.Message, StringComparison.Ordinal);
    }
}
