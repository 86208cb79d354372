using Honk;

namespace Extensions;

/// <summary>A delivery channel of the team's own: after the branch is committed, writes a release note for it.</summary>
/// <param name="folder">Where the notes go.</param>
internal sealed class ReleaseNoteChannel(string folder) : DeliveryChannel
{
    public override string Name => "release-note";

    protected override async ValueTask<DeliveryResult> DeliverCoreAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var branch = context.Previous.LastOrDefault(p => p.Branch is not null)?.Branch ?? context.BranchName ?? "(no branch)";
        var path = Path.Combine(folder, $"{context.SessionId}.md");
        var note = $"""
            # {context.Task.Title ?? context.Task.Goal}

            Branch: {branch}
            Files: {string.Join(", ", context.Result.ChangedFiles)}
            """;
        await File.WriteAllTextAsync(path, note, cancellationToken);
        return DeliveryResult.Delivered(Name, $"release note for {branch} written to {path}");
    }
}
