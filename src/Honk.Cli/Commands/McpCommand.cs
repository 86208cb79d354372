using System.CommandLine;
using Honk.Cli.Running;
using Honk.Mcp;
using Honk.Sessions;
using Honk.Tools;
using Honk.Validators;

namespace Honk.Cli.Commands;

/// <summary>
/// <c>honk mcp</c>: serves Honk's fenced workspace tools and <c>validate</c> over MCP on stdio, so any agent can edit a
/// repository through Honk's fence and sandbox and check its work with the repository's own builds and tests.
/// Standard output carries only the protocol; every message for a person goes to standard error.
/// </summary>
internal static class McpCommand
{
    private static readonly Option<string> Repo = new("--repo") { Description = "The local repository folder to serve (edits land there, in place).", Required = true };
    private static readonly Option<bool> NoRestore = new("--no-restore") { Description = "Validators do not restore packages (no network for them)." };
    private static readonly Option<bool> UnsafeNoSandbox = new("--unsafe-no-sandbox") { Description = "Run commands without bubblewrap when it is unavailable. Dangerous." };

    public static Command Create()
    {
        var command = new Command("mcp", "Serve Honk's workspace tools (read_file, list_files, search, edit_file, write_file, apply_patch, run_command, git) and validate over MCP on stdio.")
        {
            Repo, NoRestore, UnsafeNoSandbox,
        };
        command.SetAction(ExecuteAsync);
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            var (repository, isLocal) = RunRequest.ResolveRepository(parse.GetValue(Repo)!, Environment.CurrentDirectory);
            if (!isLocal)
            {
                throw new CliException("honk mcp serves a local folder in place: give a path, not a URL (clone it first).");
            }

            var allowUnsandboxed = parse.GetValue(UnsafeNoSandbox);
            var allowNetwork = !parse.GetValue(NoRestore);
            var sandbox = SandboxDefaults.Create(allowUnsandboxed);
            var problem = await SandboxedCommandRunner.GetUnavailableReasonAsync(sandbox).ConfigureAwait(false);
            if (problem is not null && !allowUnsandboxed)
            {
                throw new CliException($"Honk runs commands inside bubblewrap, which is not usable here: {problem} Install it (apt-get install bubblewrap), or pass --unsafe-no-sandbox to run commands without isolation.");
            }

            var runner = new SandboxedCommandRunner(repository, sandbox);
            var options = new HonkMcpServerOptions { Workspace = new InPlaceWorkspace(repository, runner), CommandRunner = runner };
            foreach (var tool in BuiltInTools.Create())
            {
                options.Tools.Add(tool);
            }

            options.Tools.Add(new ValidateTool());
            var validatorOptions = new BuiltInValidatorsOptions();
            validatorOptions.Dotnet.AllowNetwork = allowNetwork;
            validatorOptions.Node.AllowNetwork = allowNetwork;
            foreach (var validator in BuiltInValidators.Create(validatorOptions))
            {
                options.Validators.Add(validator);
            }

            await Console.Error.WriteLineAsync($"honk mcp: serving {repository} on stdio ({options.Tools.Count} tools).").ConfigureAwait(false);
            await HonkMcpServer.RunAsync(options, Console.OpenStandardInput(), Console.OpenStandardOutput(), loggerFactory: null, cancellationToken).ConfigureAwait(false);
            return CliExitCodes.Success;
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return CliExitCodes.BadInput;
        }
        catch (InvalidDataException ex)
        {
            // A client sent a message past the size limit: the server stopped reading rather than buffer it.
            await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return CliExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliExitCodes.Success;
        }
    }
}
