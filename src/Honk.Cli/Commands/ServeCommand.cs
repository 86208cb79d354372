using System.CommandLine;
using Honk.Server;

namespace Honk.Cli.Commands;

/// <summary>
/// <c>honk serve</c>: the host — HTTP API, Slack and GitHub webhooks, the review page — with SQLite and local git by
/// default, on 127.0.0.1:5080. Further options (e.g. <c>--urls</c>) pass through to the host; see docs/server.md.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Start the Honk host: API, Slack and GitHub webhooks and the review page (SQLite and local git by default, on 127.0.0.1:5080).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await HonkServer.RunAsync([.. parse.UnmatchedTokens]).ConfigureAwait(false);
            return CliExitCodes.Success;
        });
        return command;
    }
}
