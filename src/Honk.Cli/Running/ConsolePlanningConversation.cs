using Honk.Planning;

namespace Honk.Cli.Running;

/// <summary>
/// <c>honk plan</c>'s side of the planning conversation: questions and the draft on stdout, answers from stdin (one line
/// each, so the whole conversation can be scripted by piping the answers in).
/// </summary>
internal sealed class ConsolePlanningConversation(TextReader input, TextWriter output, string destination) : IPlanningConversation
{
    public async ValueTask<string> AskAsync(string question, CancellationToken cancellationToken = default)
    {
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("? " + question).ConfigureAwait(false);
        await output.WriteAsync("> ").ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? "";
    }

    public async ValueTask<DraftReview> ReviewDraftAsync(string draft, CancellationToken cancellationToken = default)
    {
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Draft task file:").ConfigureAwait(false);
        await output.WriteLineAsync("────────────────────────────────────────").ConfigureAwait(false);
        await output.WriteAsync(draft).ConfigureAwait(false);
        await output.WriteLineAsync("────────────────────────────────────────").ConfigureAwait(false);
        await output.WriteLineAsync($"Write it to {destination}? [y]es, [n]o, or type what should change:").ConfigureAwait(false);
        await output.WriteAsync("> ").ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);

        // End of input is a "no": nothing is written that nobody approved.
        var answer = (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim();
        return answer switch
        {
            null => DraftReview.Decline,
            "" or "y" or "Y" or "yes" or "Yes" => DraftReview.Approve,
            "n" or "N" or "no" or "No" => DraftReview.Decline,
            _ => DraftReview.Change(answer),
        };
    }
}
