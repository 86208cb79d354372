using Microsoft.Extensions.AI;

namespace Honk.Mcp;

/// <summary>What <see cref="HonkMcpServer"/> serves: a folder, Honk's tools on it, and the validators behind <c>validate</c>.</summary>
public sealed class HonkMcpServerOptions
{
    /// <summary>The folder the tools work in (the fence's root). Edits land there, in place.</summary>
    public required Workspace Workspace { get; init; }

    /// <summary>The tools to serve, e.g. <c>BuiltInTools.Create()</c> and <c>new ValidateTool()</c>.</summary>
    public IList<AIFunction> Tools { get; } = [];

    /// <summary>The validators <c>validate</c> runs; none means it says there is nothing to run.</summary>
    public IList<Validator> Validators { get; } = [];

    /// <summary>Runs <c>run_command</c> and the validators' commands, normally in the bubblewrap sandbox.</summary>
    public ICommandRunner? CommandRunner { get; init; }

    /// <summary>The server's name in <c>initialize</c>.</summary>
    public string ServerName { get; init; } = "honk";

    /// <summary>The server's version in <c>initialize</c>.</summary>
    public string ServerVersion { get; init; } = typeof(HonkMcpServerOptions).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    /// <summary>The largest text result sent to a client; longer results are cut with a note.</summary>
    public int MaxResultCharacters { get; init; } = 60_000;

    /// <summary>
    /// The largest JSON-RPC message (one line of stdio) accepted, in bytes (32 MB): past it the server stops reading and
    /// <see cref="HonkMcpServer.RunAsync"/> throws <see cref="InvalidDataException"/>, so an endless message cannot
    /// exhaust its memory.
    /// </summary>
    public long MaxMessageBytes { get; init; } = 32 * 1024 * 1024;
}
