using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace Honk.Models.Tests.Infrastructure;

/// <summary>Two small tools with real JSON schemas, as the agent loop would offer them.</summary>
internal static class TestTools
{
    public static AIFunction ReadFile { get; } = AIFunctionFactory.Create(
        ([Description("Path relative to the workspace root.")] string path, int? offset) => $"contents of {path}",
        "read_file",
        "Reads a file with numbered lines.");

    public static AIFunction Search { get; } = AIFunctionFactory.Create(
        ([Description("A regular expression.")] string pattern, string? path) => "no matches",
        "search",
        "Searches files for a pattern.");

    public static ChatOptions Options => new() { Tools = [ReadFile, Search] };
}
