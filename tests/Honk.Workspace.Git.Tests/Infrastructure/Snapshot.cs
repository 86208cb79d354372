using System.Security.Cryptography;

namespace Honk.Workspaces.Git.Tests.Infrastructure;

/// <summary>Everything about a user's repository that a session must never change.</summary>
internal sealed record Snapshot(
    string IndexHash,
    string Head,
    string SymbolicHead,
    string Refs,
    string StashList,
    string Status,
    string Config,
    string Worktrees,
    string Files)
{
    public static Snapshot Take(string repository)
    {
        // The index bytes first: the git commands below must not be what changes them.
        var index = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(repository, ".git", "index"))));
        var files = string.Join('\n', Directory.EnumerateFiles(repository, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/.git/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => f + "=" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));
        return new Snapshot(
            index,
            GitTool.Head(repository),
            GitTool.Run(repository, "symbolic-ref", "HEAD"),
            GitTool.Run(repository, "for-each-ref", "--format=%(refname) %(objectname)"),
            GitTool.Run(repository, "stash", "list"),
            GitTool.Run(repository, "--no-optional-locks", "status", "--porcelain", "--untracked-files=all"),
            File.ReadAllText(Path.Combine(repository, ".git", "config")),
            GitTool.Run(repository, "worktree", "list", "--porcelain"),
            files);
    }

    public void AssertEqual(Snapshot expected)
    {
        Assert.Equal(expected.IndexHash, IndexHash);
        Assert.Equal(expected.Head, Head);
        Assert.Equal(expected.SymbolicHead, SymbolicHead);
        Assert.Equal(expected.Refs, Refs);
        Assert.Equal(expected.StashList, StashList);
        Assert.Equal(expected.Status, Status);
        Assert.Equal(expected.Config, Config);
        Assert.Equal(expected.Worktrees, Worktrees);
        Assert.Equal(expected.Files, Files);
    }
}
