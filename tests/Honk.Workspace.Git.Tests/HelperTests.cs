using System.Collections;
using Honk.Workspaces.Git.Internal;

namespace Honk.Workspaces.Git.Tests;

public sealed class HelperTests
{
    [Fact]
    public void GitEnvironment_HostVariables_DropsRedirectionsAndDisablesPrompts()
    {
        var host = new Hashtable
        {
            ["PATH"] = "/usr/bin",
            ["HOME"] = "/home/me",
            ["GIT_DIR"] = "/elsewhere/.git",
            ["GIT_WORK_TREE"] = "/elsewhere",
            ["GIT_INDEX_FILE"] = "/elsewhere/index",
            ["GIT_OBJECT_DIRECTORY"] = "/elsewhere/objects",
            ["GIT_CONFIG_PARAMETERS"] = "'core.hooksPath'='/evil'",
            ["GIT_AUTHOR_NAME"] = "Someone Else",
            ["GIT_TERMINAL_PROMPT"] = "1",
            ["GIT_SSH_COMMAND"] = "ssh -i /keys/deploy",
        };

        var env = GitEnvironment.FromHost(host);

        Assert.Equal("/usr/bin", env["PATH"]);
        Assert.Equal("/home/me", env["HOME"]);
        foreach (var dropped in new[] { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_CONFIG_PARAMETERS", "GIT_AUTHOR_NAME" })
        {
            Assert.False(env.ContainsKey(dropped), dropped);
        }

        Assert.Equal("0", env["GIT_TERMINAL_PROMPT"]);
        Assert.Equal("1", env["GIT_CONFIG_NOSYSTEM"]);
        Assert.Equal("ssh -i /keys/deploy", env["GIT_SSH_COMMAND"]);
    }

    [Fact]
    public void GitEnvironment_NoSshSetting_UsesBatchMode()
        => Assert.Equal("ssh -o BatchMode=yes", GitEnvironment.FromHost(new Hashtable())["GIT_SSH_COMMAND"]);

    [Theory]
    [InlineData("Fix NRE in OrderService when the cart is empty", "fix-nre-in-orderservice-when-the-cart-is")]
    [InlineData("  Héllo, Wörld!  ", "hello-world")]
    [InlineData("!!!", "session")]
    [InlineData(null, "session")]
    public void Slug_Labels_AreShortAndSafe(string? label, string expected)
        => Assert.Equal(expected, BranchNaming.Slug(label));

    [Theory]
    [InlineData("3f2a9c1e-0000-4000-8000-000000000000", "00000000")]
    [InlineData("SESSION_ABCDEFGH", "abcdefgh")]
    [InlineData("20261121-093000-55e5ca", "0055e5ca")]
    public void ShortId_LongIds_TakesTheirLastCharacters(string id, string expected)
        => Assert.Equal(expected, BranchNaming.ShortId(id));

    [Fact]
    public void ShortId_ShortIds_HashesThemToEightCharacters()
    {
        Assert.Matches("^[0-9a-f]{8}$", BranchNaming.ShortId("a1"));
        Assert.NotEqual(BranchNaming.ShortId("a1"), BranchNaming.ShortId("a2"));
    }

    [Fact]
    public void ParseNameStatus_RenamesAndPlainChanges_ListsBothSidesSorted()
    {
        var output = "M\0src/b.cs\0R087\0old name.cs\0new.cs\0A\0a.txt\0D\0z.txt\0";

        Assert.Equal(["a.txt", "new.cs", "old name.cs", "src/b.cs", "z.txt"], GitOutputParser.ParseNameStatus(output));
    }

    [Fact]
    public void ParseStatusPaths_PorcelainV2_ExtractsEveryPath()
    {
        var output = string.Join('\0',
            "# branch.oid 0123",
            "# branch.head main",
            "1 .M N... 100644 100644 100644 aaaa bbbb path with spaces.txt",
            "2 R. N... 100644 100644 100644 aaaa bbbb R100 renamed.txt",
            "original.txt",
            "u UU N... 100644 100644 100644 100644 a b c conflict.txt",
            "? untracked.txt",
            "! ignored.log") + "\0";

        Assert.Equal(["path with spaces.txt", "renamed.txt", "conflict.txt", "untracked.txt"], GitOutputParser.ParseStatusPaths(output));
    }

    [Fact]
    public void Options_Defaults_AreDocumentedValues()
    {
        var options = new GitWorkspaceOptions();

        Assert.Equal("Honk", options.CommitterName);
        Assert.Equal("honk@localhost", options.CommitterEmail);
        Assert.Equal("honk/", options.BranchPrefix);
        Assert.False(options.PartialClone);
        Assert.EndsWith("honk", GitWorkspaceOptions.GetDefaultCacheRoot(), StringComparison.Ordinal);
        var provider = new GitWorkspaceProvider(new GitWorkspaceOptions { CacheRoot = "/tmp/honk-cache-x" });
        Assert.Equal("/tmp/honk-cache-x/mirrors", provider.MirrorsRoot);
        Assert.Equal("/tmp/honk-cache-x/worktrees", provider.WorktreesRoot);
    }

    [Theory]
    [InlineData("CommitterName")]
    [InlineData("BranchPrefix")]
    [InlineData("NetworkTimeout")]
    public void Options_InvalidValue_IsRejectedWhenTheProviderIsCreated(string which)
    {
        var options = new GitWorkspaceOptions();
        switch (which)
        {
            case "CommitterName": options.CommitterName = " "; break;
            case "BranchPrefix": options.BranchPrefix = "honk"; break;
            default: options.NetworkTimeout = TimeSpan.Zero; break;
        }

        var error = Assert.ThrowsAny<ArgumentException>(() => new GitWorkspaceProvider(options));
        Assert.Equal(which, error.ParamName);
    }

    [Fact]
    public void Options_ChangedAfterTheProviderWasCreated_DoNotAffectIt()
    {
        var options = new GitWorkspaceOptions { CacheRoot = "/tmp/one" };
        var provider = new GitWorkspaceProvider(options);
        options.CacheRoot = "/tmp/two";

        Assert.Equal("/tmp/one/mirrors", provider.MirrorsRoot);
    }
}
