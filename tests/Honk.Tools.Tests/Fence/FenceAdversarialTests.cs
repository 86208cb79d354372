using System.Diagnostics;
using Honk.Tools.Tests.Support;

namespace Honk.Tools.Tests.Fence;

/// <summary>
/// Attempts to get out of the workspace through the tools. Every test ends by proving that nothing outside the
/// workspace was written (same files, same bytes) and, for reads, that the secret never reached the result.
/// </summary>
public sealed class FenceAdversarialTests : IDisposable
{
    private readonly Sandbox _box = new();

    private string SecretPath => Path.Combine(_box.Outside, "secret.txt");

    public void Dispose() => _box.Dispose();

    private async Task AssertReadRefusedAsync(string path, string? expectedFragment = "outside the workspace")
    {
        var error = await _box.FailsAsync("read_file", new { path });
        Assert.DoesNotContain(Sandbox.Secret, error.Message, StringComparison.Ordinal);
        if (expectedFragment is not null)
        {
            Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
        }

        _box.AssertOutsideUntouched();
    }

    private async Task AssertWriteRefusedAsync(string path, string expectedFragment = "outside the workspace")
    {
        var error = await _box.FailsAsync("write_file", new { path, content = "pwned" });
        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
        _box.AssertOutsideUntouched();
    }

    [Fact]
    public Task ReadFile_DotDotEscape_IsRefused() => AssertReadRefusedAsync("../outside/secret.txt");

    [Fact]
    public Task WriteFile_DotDotEscape_IsRefused() => AssertWriteRefusedAsync("../outside/new.txt");

    [Fact]
    public Task ReadFile_EscapeAfterDescending_IsRefused() => AssertReadRefusedAsync("src/../../outside/secret.txt");

    [Fact]
    public Task ReadFile_EscapeThroughMissingFolders_IsRefused() => AssertReadRefusedAsync("no/such/../../../outside/secret.txt");

    [Fact]
    public Task WriteFile_DotSlashDotDot_IsRefused() => AssertWriteRefusedAsync("./../outside/secret.txt");

    [Fact]
    public Task ReadFile_AbsolutePathOutside_IsRefused() => AssertReadRefusedAsync(SecretPath);

    [Fact]
    public Task ReadFile_EtcPasswd_IsRefused() => AssertReadRefusedAsync("/etc/passwd");

    [Fact]
    public Task WriteFile_AbsolutePathOutside_IsRefused() => AssertWriteRefusedAsync(Path.Combine(_box.Outside, "new.txt"));

    [Fact]
    public Task ReadFile_AbsolutePathInsideThenDotDot_IsRefused() => AssertReadRefusedAsync(_box.Root + "/../outside/secret.txt");

    [Fact]
    public async Task ReadFile_AbsolutePathInside_IsAccepted()
    {
        _box.Write("a.txt", "inside\n");
        Assert.Contains("inside", await _box.InvokeAsync("read_file", new { path = _box.Path_("a.txt") }), StringComparison.Ordinal);
    }

    [Fact]
    public Task ReadFile_ProcSelfRoot_IsRefused() => AssertReadRefusedAsync("/proc/self/root" + SecretPath);

    [Fact]
    public Task ReadFile_ProcSelfCwd_IsRefused() => AssertReadRefusedAsync("/proc/self/cwd/x");

    [Fact]
    public async Task ReadFile_SymlinkToProcSelfRoot_IsRefused()
    {
        File.CreateSymbolicLink(_box.Path_("proc-link"), "/proc/self/root" + SecretPath);
        await AssertReadRefusedAsync("proc-link", "symbolic link");
    }

    [Fact]
    public async Task ReadFile_SymlinkToProcSelfRootOfWorkspace_IsRefused()
    {
        _box.Write("a.txt", "x");
        File.CreateSymbolicLink(_box.Path_("proc-inside"), "/proc/self/root" + _box.Path_("a.txt"));
        await AssertReadRefusedAsync("proc-inside", "symbolic link");
    }

    [Fact]
    public async Task ReadFile_SymlinkToOutsideFile_IsRefused()
    {
        File.CreateSymbolicLink(_box.Path_("leak.txt"), SecretPath);
        await AssertReadRefusedAsync("leak.txt", "'leak.txt' is a symbolic link");
    }

    [Fact]
    public async Task WriteFile_SymlinkToOutsideFile_IsRefused()
    {
        File.CreateSymbolicLink(_box.Path_("leak.txt"), SecretPath);
        await AssertWriteRefusedAsync("leak.txt");
    }

    [Fact]
    public async Task EditFile_SymlinkToOutsideFile_IsRefused()
    {
        File.CreateSymbolicLink(_box.Path_("leak.txt"), SecretPath);
        await _box.FailsAsync("edit_file", new { path = "leak.txt", old_text = "TOP", new_text = "BOTTOM" });
        _box.AssertOutsideUntouched();
    }

    [Fact]
    public async Task ReadFile_RelativeSymlinkOutside_IsRefused()
    {
        File.CreateSymbolicLink(_box.Path_("rel.txt"), "../outside/secret.txt");
        await AssertReadRefusedAsync("rel.txt", "symbolic link");
    }

    [Fact]
    public async Task ReadFile_SymlinkedParentFolderOutside_IsRefused()
    {
        Directory.CreateSymbolicLink(_box.Path_("ext"), _box.Outside);
        await AssertReadRefusedAsync("ext/secret.txt", "'ext' is a symbolic link");
    }

    [Fact]
    public async Task WriteFile_NewFileInSymlinkedFolderOutside_IsRefused()
    {
        Directory.CreateSymbolicLink(_box.Path_("ext"), _box.Outside);
        await AssertWriteRefusedAsync("ext/planted.txt");
    }

    [Fact]
    public async Task WriteFile_DeepSymlinkedFolderOutside_IsRefused()
    {
        Directory.CreateDirectory(_box.Path_("a/b"));
        Directory.CreateSymbolicLink(_box.Path_("a/b/c"), _box.Outside);
        await AssertWriteRefusedAsync("a/b/c/hooks/x.sh");
    }

    [Fact]
    public async Task ReadFile_SymlinkChainLeadingOutside_IsRefused()
    {
        File.CreateSymbolicLink(_box.Path_("c"), SecretPath);
        File.CreateSymbolicLink(_box.Path_("b"), "c");
        File.CreateSymbolicLink(_box.Path_("a"), "b");
        await AssertReadRefusedAsync("a", "symbolic link");
    }

    [Fact]
    public async Task WriteFile_SymlinkChainThroughFolders_IsRefused()
    {
        Directory.CreateDirectory(_box.Path_("d1"));
        Directory.CreateSymbolicLink(_box.Path_("d1/next"), "../d2");
        Directory.CreateDirectory(_box.Path_("d2"));
        Directory.CreateSymbolicLink(_box.Path_("d2/out"), "../../outside");
        await AssertWriteRefusedAsync("d1/next/out/secret.txt");
    }

    [Fact]
    public async Task ReadFile_SymlinkChainInside_IsAccepted()
    {
        _box.Write("real.txt", "real content\n");
        File.CreateSymbolicLink(_box.Path_("b"), "real.txt");
        File.CreateSymbolicLink(_box.Path_("a"), _box.Path_("b"));
        Assert.Contains("real content", await _box.InvokeAsync("read_file", new { path = "a" }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFile_SymlinkToRootThenDotDot_IsRefused()
    {
        Directory.CreateSymbolicLink(_box.Path_("self"), ".");
        await AssertReadRefusedAsync("self/../outside/secret.txt");
    }

    [Fact]
    public async Task ReadFile_SymlinkLeavingAndComingBack_IsRefused()
    {
        _box.Write("a.txt", "x");
        File.CreateSymbolicLink(_box.Path_("roundtrip"), "../ws/a.txt");
        await AssertReadRefusedAsync("roundtrip", "symbolic link");
    }

    [Fact]
    public async Task ReadFile_SymlinkLoop_IsRefusedWithoutHanging()
    {
        File.CreateSymbolicLink(_box.Path_("loop1"), "loop2");
        File.CreateSymbolicLink(_box.Path_("loop2"), "loop1");
        await AssertReadRefusedAsync("loop1", "symbolic links");
    }

    [Fact]
    public async Task WriteFile_DanglingSymlinkToOutside_CreatesNothingOutside()
    {
        File.CreateSymbolicLink(_box.Path_("dangling"), Path.Combine(_box.Outside, "created-by-link.txt"));
        await AssertWriteRefusedAsync("dangling");
    }

    [Fact]
    public async Task WriteFile_HardLinkToOutsideFile_IsRefused()
    {
        Sandbox.Run("ln", SecretPath, _box.Path_("hard.txt"));
        _box.AcceptOutsideState();
        await AssertWriteRefusedAsync("hard.txt", "hard links");
        Assert.Equal(Sandbox.Secret + "\n", File.ReadAllText(SecretPath));
    }

    [Fact]
    public async Task EditFile_HardLinkToOutsideFile_IsRefused()
    {
        Sandbox.Run("ln", SecretPath, _box.Path_("hard.txt"));
        var error = await _box.FailsAsync("edit_file", new { path = "hard.txt", old_text = "TOP", new_text = "X" });
        Assert.Contains("hard links", error.Message, StringComparison.Ordinal);
        Assert.Equal(Sandbox.Secret + "\n", File.ReadAllText(SecretPath));
    }

    [Fact]
    public async Task ApplyPatch_HardLinkToOutsideFile_IsRefused()
    {
        Sandbox.Run("ln", SecretPath, _box.Path_("hard.txt"));
        var patch = "--- a/hard.txt\n+++ b/hard.txt\n@@ -1 +1 @@\n-" + Sandbox.Secret + "\n+changed\n";
        var error = await _box.FailsAsync("apply_patch", new { patch });
        Assert.Contains("hard links", error.Message, StringComparison.Ordinal);
        Assert.Equal(Sandbox.Secret + "\n", File.ReadAllText(SecretPath));
    }

    [Fact]
    public async Task ReadFile_Fifo_IsRefusedWithoutBlocking()
    {
        Sandbox.Run("mkfifo", _box.Path_("pipe"));

        // Opening a FIFO waits for a writer that never comes: on a thread of its own and with a generous hang limit,
        // a fence that opened it fails this test instead of hanging the run.
        var refusal = Task.Run(() => AssertReadRefusedAsync("pipe", "named pipe"), TestContext.Current.CancellationToken);
        var first = await Task.WhenAny(refusal, Task.Delay(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken));
        Assert.True(first == refusal, "read_file blocked on the named pipe instead of refusing it (still waiting after 2 minutes).");
        await refusal;
    }

    [Fact]
    public async Task WriteFile_Fifo_IsRefusedWithoutBlocking()
    {
        Sandbox.Run("mkfifo", _box.Path_("pipe"));
        await AssertWriteRefusedAsync("pipe", "named pipe");
    }

    [Fact]
    public async Task ReadFile_SymlinkToFifo_IsRefused()
    {
        Sandbox.Run("mkfifo", _box.Path_("pipe"));
        File.CreateSymbolicLink(_box.Path_("to-pipe"), "pipe");
        await AssertReadRefusedAsync("to-pipe", "named pipe");
    }

    [Fact]
    public Task ReadFile_DevZero_IsRefused() => AssertReadRefusedAsync("/dev/zero");

    [Fact]
    public async Task ReadFile_SymlinkToDevZero_IsRefused()
    {
        File.CreateSymbolicLink(_box.Path_("zero"), "/dev/zero");
        await AssertReadRefusedAsync("zero", "symbolic link");
    }

    [Fact]
    public async Task ReadFile_DeviceNodeInside_IsRefused()
    {
        var mknod = new ProcessStartInfo("mknod", [_box.Path_("null-device"), "c", "1", "3"]) { RedirectStandardError = true };
        using (var process = Process.Start(mknod)!)
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.SkipWhen(process.ExitCode != 0, "creating a device node needs root");
        }

        await AssertReadRefusedAsync("null-device", "a device");
    }

    [Theory]
    [InlineData(".git/config")]
    [InlineData(".git/hooks/pre-commit")]
    [InlineData(".GIT/hooks/pre-commit")]
    [InlineData(".Git/config")]
    [InlineData(".git./hooks/post-checkout")]
    [InlineData("sub/.git/hooks/pre-commit")]
    [InlineData("src/../.git/HEAD")]
    public async Task WriteFile_InsideGitFolder_IsRefused(string path)
    {
        var box = new Sandbox(git: true);
        try
        {
            var error = await box.FailsAsync("write_file", new { path, content = "#!/bin/sh\necho pwned\n" });
            Assert.Contains("inside .git", error.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(box.Root, ".git/hooks/pre-commit")));
            box.AssertOutsideUntouched();
        }
        finally
        {
            box.Dispose();
        }
    }

    [Fact]
    public async Task WriteFile_GitHooksThroughSymlinkedFolder_IsRefused()
    {
        _box.Git("init", "-q");
        Directory.CreateSymbolicLink(_box.Path_("hooks"), ".git/hooks");
        var error = await _box.FailsAsync("write_file", new { path = "hooks/pre-commit", content = "echo pwned" });
        Assert.Contains("inside .git", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_box.Path_(".git/hooks/pre-commit")));
    }

    [Fact]
    public async Task ApplyPatch_CreatingGitHook_IsRefused()
    {
        _box.Git("init", "-q");
        var patch = "--- /dev/null\n+++ b/.git/hooks/pre-commit\n@@ -0,0 +1 @@\n+echo pwned\n";
        var error = await _box.FailsAsync("apply_patch", new { patch });
        Assert.Contains("inside .git", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_box.Path_(".git/hooks/pre-commit")));
    }

    [Fact]
    public async Task ReadFile_NulByte_IsRefused()
    {
        _box.Write("a.txt", "x");
        await AssertReadRefusedAsync("a.txt\0../../outside/secret.txt", "NUL byte");
    }

    [Fact]
    public Task ReadFile_OverLongPath_IsRefused() => AssertReadRefusedAsync(string.Join('/', Enumerable.Repeat("abcdefgh", 600)), "too long");

    [Fact]
    public Task WriteFile_OverLongComponent_IsRefused() => AssertWriteRefusedAsync(new string('x', 256) + ".txt", "longer than 255 bytes");

    [Fact]
    public Task WriteFile_ComponentOverLimitInUtf8Bytes_IsRefused() => AssertWriteRefusedAsync(new string('é', 130), "longer than 255 bytes");

    [Fact]
    public async Task WriteFile_DotDotToEscapeManyLevels_IsRefused()
        => await AssertWriteRefusedAsync(string.Concat(Enumerable.Repeat("../", 64)) + "tmp/pwned.txt");

    [Theory]
    [InlineData("\u2025/outside/secret.txt")]
    [InlineData("\u2024\u2024/outside/secret.txt")]
    [InlineData("..\uFF0Foutside\uFF0Fsecret.txt")]
    [InlineData("..\u2215outside\u2215secret.txt")]
    [InlineData("..\\outside\\secret.txt")]
    [InlineData("%2e%2e/outside/secret.txt")]
    [InlineData("~/outside/secret.txt")]
    public async Task WriteFile_LookAlikeOfDotDotOrSlash_StaysInside(string path)
    {
        await _box.InvokeAsync("write_file", new { path, content = "literal" });
        var created = Directory.EnumerateFiles(_box.Root, "*", SearchOption.AllDirectories).ToList();
        Assert.Single(created);
        Assert.Equal("literal", File.ReadAllText(created[0]));
        _box.AssertOutsideUntouched();
    }

    [Fact]
    public async Task ReadFile_LookAlikeOfDotDot_ReadsNothingOutside()
    {
        var error = await _box.FailsAsync("read_file", new { path = "\u2025/outside/secret.txt" });
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Sandbox.Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteFile_RootItself_IsRefused()
    {
        var error = await _box.FailsAsync("write_file", new { path = ".", content = "x" });
        Assert.Contains("workspace root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteFile_UpperCaseSpellingOfRoot_IsRefused()
        => await AssertWriteRefusedAsync(_box.Root.ToUpperInvariant() + "/x.txt");

    [Fact]
    public async Task ApplyPatch_HeaderWithDotDot_IsRefused()
    {
        var patch = "--- a/../outside/secret.txt\n+++ b/../outside/secret.txt\n@@ -1 +1 @@\n-" + Sandbox.Secret + "\n+pwned\n";
        var error = await _box.FailsAsync("apply_patch", new { patch });
        Assert.Contains("outside the workspace", error.Message, StringComparison.Ordinal);
        _box.AssertOutsideUntouched();
    }

    [Fact]
    public async Task ApplyPatch_AbsoluteHeaderPath_IsRefused()
    {
        var target = Path.Combine(_box.Outside, "created.txt");
        var patch = $"--- /dev/null\n+++ {target}\n@@ -0,0 +1 @@\n+pwned\n";
        await _box.FailsAsync("apply_patch", new { patch });
        _box.AssertOutsideUntouched();
    }

    [Fact]
    public async Task ApplyPatch_CreateThroughDotDotInsideHeader_IsRefused()
    {
        var patch = "--- /dev/null\n+++ b/src/../../outside/planted.txt\n@@ -0,0 +1 @@\n+pwned\n";
        await _box.FailsAsync("apply_patch", new { patch });
        _box.AssertOutsideUntouched();
    }

    [Fact]
    public async Task ApplyPatch_RenameOutOfTree_IsRefusedAndSourceKept()
    {
        _box.Write("keep.txt", "data\n");
        var patch = "diff --git a/keep.txt b/../outside/moved.txt\nsimilarity index 100%\nrename from keep.txt\nrename to ../outside/moved.txt\n";
        await _box.FailsAsync("apply_patch", new { patch });
        Assert.Equal("data\n", _box.Read("keep.txt"));
        _box.AssertOutsideUntouched();
    }

    [Fact]
    public async Task ApplyPatch_RenameIntoSymlinkedOutsideFolder_IsRefused()
    {
        _box.Write("keep.txt", "data\n");
        Directory.CreateSymbolicLink(_box.Path_("ext"), _box.Outside);
        var patch = "diff --git a/keep.txt b/ext/moved.txt\nrename from keep.txt\nrename to ext/moved.txt\n";
        await _box.FailsAsync("apply_patch", new { patch });
        Assert.True(File.Exists(_box.Path_("keep.txt")));
        _box.AssertOutsideUntouched();
    }

    [Fact]
    public async Task ApplyPatch_SecondFileOutside_WritesNothingAtAll()
    {
        _box.Write("a.txt", "one\n");
        var patch = "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-one\n+two\n--- /dev/null\n+++ b/../outside/x.txt\n@@ -0,0 +1 @@\n+pwned\n";
        await _box.FailsAsync("apply_patch", new { patch });
        Assert.Equal("one\n", _box.Read("a.txt"));
        _box.AssertOutsideUntouched();
    }

    [Fact]
    public async Task ListFiles_PathOutside_IsRefused()
    {
        var error = await _box.FailsAsync("list_files", new { path = "../outside" });
        Assert.Contains("outside the workspace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListFiles_SymlinkedFolderOutside_IsNotFollowed()
    {
        _box.Write("a.txt", "x");
        Directory.CreateSymbolicLink(_box.Path_("ext"), _box.Outside);
        var result = await _box.InvokeAsync("list_files");
        Assert.DoesNotContain("secret.txt", result, StringComparison.Ordinal);
        Assert.Contains("a.txt", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_PathOutside_IsRefused()
    {
        var error = await _box.FailsAsync("search", new { pattern = "SECRET", path = "../outside" });
        Assert.Contains("outside the workspace", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Search_SymlinksToOutside_NeverShowOutsideContent(bool ripgrep)
    {
        using var box = new Sandbox(new BuiltInToolsOptions { UseRipgrep = ripgrep });
        box.Write("a.txt", "TOP-SECRET? no, inside\n");
        File.CreateSymbolicLink(box.Path_("leak.txt"), Path.Combine(box.Outside, "secret.txt"));
        Directory.CreateSymbolicLink(box.Path_("ext"), box.Outside);
        var result = await box.InvokeAsync("search", new { pattern = "TOP-SECRET" });
        Assert.DoesNotContain("OUTSIDE", result, StringComparison.Ordinal);
        Assert.Contains("a.txt:1:", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_FifoInWorkspace_DoesNotHang()
    {
        using var box = new Sandbox(new BuiltInToolsOptions { UseRipgrep = false });
        box.Write("a.txt", "needle\n");
        Sandbox.Run("mkfifo", box.Path_("pipe"));
        var result = await box.InvokeAsync("search", new { pattern = "needle" });
        Assert.Equal("a.txt:1:needle\n", result);
    }

    [Fact]
    public async Task EditFile_ThroughSymlinkedParentOutside_IsRefused()
    {
        Directory.CreateSymbolicLink(_box.Path_("ext"), _box.Outside);
        await _box.FailsAsync("edit_file", new { path = "ext/secret.txt", old_text = "TOP", new_text = "X" });
        _box.AssertOutsideUntouched();
    }
}
